// The number of cores to use by default.
import Foundation

/// The processor count, the default number of evaluation threads.
public enum ProcessInfoCores {
    public static var count: Int { ProcessInfo.processInfo.activeProcessorCount }
}
