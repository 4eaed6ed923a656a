import Console
import Testing

@Suite struct FormatTests {
  @Test(
    arguments: [
      (0, "0"), (950, "950"), (999, "999"), (12.5, "12.5"), (1.5, "1.5"), (0.5, "0.5"),
      (123.4, "123"), (0.0123, "0.0123"), (0.012, "0.012"), (0.00012, "1.2e-4"), (999.7, "1.0k"),
      (1000, "1.0k"), (1234, "1.2k"), (45_300, "45.3k"), (99_960, "100k"), (312_000, "312k"),
      (999_600, "1.00M"), (1_200_000, "1.20M"), (34_500_000, "34.5M"), (2e9, "2.00G"),
      (-3400, "-3.4k"), (-0.25, "-0.25"),
    ] as [(Double, String)])
  func compact(value: Double, expected: String) {
    #expect(Format.compact(value) == expected)
  }

  @Test func compactSpecialValues() {
    #expect(Format.compact(nil) == "n/a")
    #expect(Format.compact(.nan) == "n/a")
    #expect(Format.compact(.infinity) == "inf")
    #expect(Format.compact(-.infinity) == "-inf")
    #expect(Format.compact(1e300) == "1e300")
    #expect(Format.compact(2.5e18) == "2.5e18")
    #expect(Format.compact(.greatestFiniteMagnitude) == "1.8e308")
    #expect(Format.compact(.leastNonzeroMagnitude) == "4.9e-324")
  }

  @Test func percent() {
    #expect(Format.percent(0.423) == "42%")
    #expect(Format.percent(0.4237, decimals: 1) == "42.4%")
    #expect(Format.percent(1) == "100%")
    #expect(Format.percent(0) == "0%")
    #expect(Format.percent(-0.05) == "-5%")
    #expect(Format.percent(nil) == "n/a")
    #expect(Format.percent(.nan) == "n/a")
  }

  @Test(
    arguments: [
      (0, "0s"), (0.004, "0s"), (0.31, "0.31s"), (0.999, "1.0s"), (4.5, "4.5s"), (9.99, "10s"),
      (12, "12s"), (59.6, "1m00s"),
      (185, "3m05s"), (3720, "1h02m"), (93_784, "1d02h"), (-12, "-12s"),
    ] as [(Double, String)])
  func duration(seconds: Double, expected: String) {
    #expect(Format.duration(seconds: seconds) == expected)
  }

  @Test func durationSpecialValues() {
    #expect(Format.duration(seconds: nil) == "n/a")
    #expect(Format.duration(seconds: .nan) == "n/a")
    #expect(Format.duration(seconds: .infinity) == "n/a")
  }

  @Test func fit() {
    #expect(Text.fit("hello", width: 3) == "he…")
    #expect(Text.fit("hello", width: 3, glyphs: .ascii) == "he~")
    #expect(Text.fit("hello", width: 1) == "…")
    #expect(Text.fit("hello", width: 0) == "")
    #expect(Text.fit("hello", width: -4) == "")
    #expect(Text.fit("hello", width: 5) == "hello")
    #expect(Text.fit("hi", width: 5) == "hi   ")
    #expect(Text.fit("hi", width: 5, alignment: .right) == "   hi")
    #expect(Text.fit("hi", width: 5, alignment: .center) == " hi  ")
    #expect(Text.truncate("hi", width: 5) == "hi")
    #expect(Text.width("┤ä├") == 3)
  }
}
