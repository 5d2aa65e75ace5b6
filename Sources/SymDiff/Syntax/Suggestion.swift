// "Did you mean ...?": the nearest known name to a misspelt one.

/// The candidate closest to `name`, ignoring case, if it is close enough to be a typo: one edit
/// away for names up to 4 characters, two for longer ones, and never a whole rewrite.
public func nearestName(to name: String, among candidates: [String]) -> String? {
    let lowered = Array(name.lowercased().utf8)
    let tolerance = lowered.count <= 4 ? 1 : 2
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(lowered, Array(candidate.lowercased().utf8))
        if distance <= tolerance, distance < lowered.count, distance < best?.distance ?? .max {
            best = (candidate, distance)
        }
    }
    return best?.name
}

/// The Levenshtein distance between `a` and `b`.
func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    var row = Array(0...b.count)
    for (i, x) in a.enumerated() {
        var diagonal = row[0]
        row[0] = i + 1
        for (j, y) in b.enumerated() {
            let next = Swift.min(row[j + 1] + 1, row[j] + 1, diagonal + (x == y ? 0 : 1))
            diagonal = row[j + 1]
            row[j + 1] = next
        }
    }
    return row[b.count]
}
