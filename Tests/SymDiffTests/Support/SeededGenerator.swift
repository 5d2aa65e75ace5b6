// The seeded random number generator of every property test, so each can be replayed.
import SymDiffIO

/// SplitMix64, the generator of `--random`: its whole state is one seed, which failing tests print.
typealias SeededGenerator = SplitMix64
