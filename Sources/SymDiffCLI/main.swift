print("symdiff: not yet written")
