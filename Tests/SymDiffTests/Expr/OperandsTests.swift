// Operand lists: one representation per list, whichever way it was built, inline or not.
import Testing
@testable import SymDiff

@Suite struct OperandsTests {
    /// Lists of every length around the inline capacity, of distinct IDs in a scrambled order.
    static let lists: [[NodeID]] = (0...9).map { n in (0..<n).map { NodeID(($0 * 7 + 3) % 11) } }

    @Test(arguments: lists)
    func everyConstructionIsTheSameValue(_ ids: [NodeID]) {
        let fromArray = Operands(ids)
        let fromSequence = Operands(ids.lazy.map { $0 })
        var appended = Operands.empty
        var builder = OperandsBuilder()
        for id in ids {
            appended = appended.appending(id)
            builder.append(id)
        }
        for list in [fromArray, fromSequence, appended, builder.operands] {
            #expect(Array(list) == ids)
            #expect(list == fromArray)
            #expect(list.hashValue == fromArray.hashValue)
            // Canonical: inline exactly when it fits.
            if case .many = list { #expect(ids.count > Operands.inlineCapacity) } else { #expect(ids.count <= Operands.inlineCapacity) }
        }
    }

    @Test(arguments: lists)
    func sortedMatchesTheStandardSort(_ ids: [NodeID]) {
        #expect(Array(Operands(ids).sorted()) == ids.sorted())
        #expect(Operands(ids).sorted() == Operands(ids.sorted()))
    }

    @Test(arguments: lists)
    func editsMatchTheSameEditsOnAnArray(_ ids: [NodeID]) {
        let list = Operands(ids)
        for position in ids.indices {
            var edited = ids
            edited[position] = NodeID(99)
            #expect(list.replacing(at: position, with: NodeID(99)) == Operands(edited))
        }
        #expect(list.droppingFirst() == Operands(Array(ids.dropFirst())))
        #expect(list.prepending(NodeID(99)) == Operands([NodeID(99)] + ids))
        #expect(list.transformed { NodeID(Int($0.index) + 1) } == Operands(ids.map { NodeID(Int($0.index) + 1) }))
        #expect(list.array == ids)
    }

    @Test func listsOfDifferentLengthsDiffer() {
        // An unused slot must not read as an operand: [a] and [a, unused] are different lists.
        let a = NodeID(5)
        #expect(Operands([a]) != Operands([a, a]))
        #expect(Operands.empty != Operands([NodeID(0)]))
        #expect(Operands.single(a) == [a])
    }
}
