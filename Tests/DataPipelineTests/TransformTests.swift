import ConfigFile
import Crypto
import DataPipeline
import Testing

/// Transform files, the de-identification they describe, k-anonymity and drift.
@Suite struct TransformTests {
  let table = DataTable(
    columns: ["email", "card", "phone", "born", "postcode", "amount", "notes", "city"],
    cells: [
      ["ann@example.com", "bo@example.org", "ann@example.com", ""],
      ["4111 1111 1111 1111", "5500-0000-0000-0004", "4111 1111 1111 1111", "n/a"],
      ["+44 20 7946 0958", "020 7946 0000", "12", ""],
      ["1984-03-07", "07/11/1990", "not a date", "1990-11-30"],
      ["SW1A 1AA", "SW1A 2BB", "EC1A 1BB", "EC1A 9ZZ"],
      ["12.5", "19", "-3", "x"],
      ["call me", "", "", ""],
      ["London", "London", "London", "Leeds"],
    ])

  let text = """
    quasi_identifiers = ["born", "postcode"]
    [columns.email]
    action = "pseudonymise"
    prefix = "user"
    [columns.card]
    action = "tokenise"
    [columns.phone]
    action = "tokenise"
    [columns.born]
    action = "generalise"
    to = "year"
    [columns.postcode]
    action = "generalise"
    prefix = 2
    [columns.amount]
    action = "generalise"
    range = 10
    [columns.notes]
    action = "drop"
    [columns.city]
    action = "keep"
    """

  let deidentifier = Deidentifier(
    pseudonymKey: SymmetricKey(data: [UInt8](repeating: 1, count: 32)),
    tokenKey: SymmetricKey(data: [UInt8](repeating: 2, count: 32)))

  @Test func appliesEveryActionAndRoundTripsTokens() throws {
    let transform = try TransformDocument(text: text, source: "t.toml")
    let (out, vault) = try deidentifier.apply(transform, to: table)
    #expect(out.columns == ["email", "card", "phone", "born", "postcode", "amount", "city"])
    let email = out.cells[0]
    #expect(email[0] == email[2] && email[0] != email[1])
    #expect(email[0].hasPrefix("user_") && email[0].count == 17)
    #expect(email[3] == "")
    // FF1 keeps the format: same length, punctuation in place, digits changed.
    let card = out.cells[1]
    #expect(card[0].count == 19 && card[0] != "4111 1111 1111 1111")
    #expect(Array(card[0])[4] == " " && Array(card[1])[4] == "-")
    #expect(card[0] == card[2])
    #expect(card[3].hasPrefix("tok_"))  // not a digit string: a vault token
    #expect(out.cells[2][2].hasPrefix("tok_"))  // too few digits for FF1
    #expect(out.cells[3] == ["1984", "1990", "*", "1990"])
    #expect(out.cells[4] == ["SW******", "SW******", "EC******", "EC******"])
    #expect(out.cells[5] == ["10-20", "10-20", "-10-0", "*"])
    #expect(out.cells[6] == table.cells[7])
    for (c, name) in [(1, "card"), (2, "phone")] {
      for r in 0..<table.rowCount where !table.cells[c + 0][r].isEmpty {
        let original = table.columns.firstIndex(of: name)!
        let back = try deidentifier.reidentify(out.cells[c][r], column: name, vault: vault)
        #expect(back == table.cells[original][r])
      }
    }
    #expect(try deidentifier.reidentify("tok_NOTISSUED", column: "card", vault: vault) == nil)
  }

  @Test func kAnonymityOverQuasiIdentifiers() throws {
    let transform = try TransformDocument(text: text, source: "t.toml")
    let (out, _) = try deidentifier.apply(transform, to: table)
    let k = KAnonymity.measure(out, columns: transform.quasiIdentifiers, threshold: 2)
    // (1984,SW) (1990,SW) (*,EC) (1990,EC): every row alone.
    #expect(k.k == 1 && k.groups == 4 && k.rowsBelowThreshold == 4)
    let city = KAnonymity.measure(out, columns: ["city"])
    #expect(city.k == 1 && city.groups == 2)
  }

  @Test func transformRefusalsNameTheLine() {
    func refusal(_ t: String) -> String {
      do {
        let doc = try TransformDocument(text: t, source: "t.toml")
        try doc.check(against: table)
        return "accepted"
      } catch { return error.description }
    }
    #expect(
      refusal("[columns.email]\naction = \"hash\"\n").hasPrefix(
        "t.toml:2: \"action\" must be one of"))
    #expect(
      refusal("[columns.born]\naction = \"generalise\"\n")
        == "t.toml:1: generalise needs exactly one of to = \"year\"|\"month\", prefix = N or range = WIDTH"
    )
    #expect(
      refusal("[columns.nope]\naction = \"drop\"\n").hasPrefix(
        "t.toml:1: column \"nope\" is not in the dataset"))
    #expect(
      refusal("[columns.email]\naction = \"drop\"\n").hasPrefix(
        "t.toml: the dataset's column \"card\" has no [columns.card] section"))
    #expect(
      refusal("quasi_identifiers = [\"notes\"]\n[columns.notes]\naction = \"drop\"\n")
        == "t.toml:1: quasi-identifier \"notes\" must be a column the transform publishes")
    #expect(
      refusal("[columns.email]\naction = \"keep\"\nprefx = 1\n").hasPrefix(
        "t.toml:3: unknown key \"prefx\""))
  }

  @Test func driftIsZeroForTheSameDataAndLargeForPoisonedData() {
    let a = DataTable(
      columns: ["demand", "region"],
      cells: [(0..<200).map { String($0 % 50) }, (0..<200).map { $0 % 2 == 0 ? "north" : "south" }])
    #expect(DriftReport.compare(a, a).allSatisfy { $0.distance == 0 })
    var b = a
    for r in 0..<60 {
      b.cells[0][r] = "5000"
      b.cells[1][r] = "north"
    }
    let drift = DriftReport.compare(a, b)
    #expect(drift[0].measure == .kolmogorovSmirnov && drift[0].distance >= 0.29)
    #expect(drift[1].measure == .totalVariation && abs(drift[1].distance - 0.15) < 1e-9)
  }
}
