/// Arbitrary-precision unsigned integer, just big enough for FF1's NUM_radix / STR_radix.
///
/// Limbs are little-endian `UInt32`s with no zero top limb, so zero is `[]`. The operations mutate
/// in place and keep their array's capacity, so a Feistel round reuses storage instead of
/// allocating.
struct BigUnsigned: Equatable, Sendable {
  private(set) var limbs: [UInt32]

  init() {
    limbs = []
  }

  init(_ value: UInt64) {
    limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
    normalize()
  }

  /// NUM_radix: the numerals read as a big-endian number in `radix`.
  init<Numerals: Collection<UInt8>>(numerals: Numerals, radix: Int) {
    limbs = []
    limbs.reserveCapacity(numerals.count / 8 + 2)
    let chunk = Self.chunk(radix: radix)
    var value: UInt32 = 0
    var pending = 0
    // Folding several numerals into one word first cuts the number of passes over the limbs.
    for numeral in numerals {
      value = value &* UInt32(radix) &+ UInt32(numeral)
      pending += 1
      if pending == chunk.digits {
        multiplyAdd(chunk.multiplier, value)
        value = 0
        pending = 0
      }
    }
    if pending > 0 {
      multiplyAdd(Self.power32(radix: radix, exponent: pending), value)
    }
  }

  /// `base` raised to `exponent`.
  static func power(_ base: Int, _ exponent: Int) -> BigUnsigned {
    var result = BigUnsigned(1)
    let chunk = chunk(radix: base)
    var remaining = exponent
    while remaining >= chunk.digits {
      result.multiplyAdd(chunk.multiplier, 0)
      remaining -= chunk.digits
    }
    if remaining > 0 {
      result.multiplyAdd(power32(radix: base, exponent: remaining), 0)
    }
    return result
  }

  var isZero: Bool { limbs.isEmpty }

  /// Number of significant bits (0 for zero).
  var bitWidth: Int {
    guard let top = limbs.last else { return 0 }
    return limbs.count * 32 - top.leadingZeroBitCount
  }

  var isPowerOfTwo: Bool {
    guard let top = limbs.last, top.nonzeroBitCount == 1 else { return false }
    return limbs.dropLast().allSatisfy { $0 == 0 }
  }

  /// `self = self * multiplier + addend`.
  mutating func multiplyAdd(_ multiplier: UInt32, _ addend: UInt32) {
    var carry = UInt64(addend)
    for index in limbs.indices {
      let product = UInt64(limbs[index]) * UInt64(multiplier) + carry
      limbs[index] = UInt32(truncatingIfNeeded: product)
      carry = product >> 32
    }
    if carry != 0 {
      limbs.append(UInt32(truncatingIfNeeded: carry))
    }
    normalize()
  }

  /// Divides in place and returns the remainder.
  mutating func divide(by divisor: UInt32) -> UInt32 {
    precondition(divisor != 0, "division by zero")
    var remainder: UInt64 = 0
    for index in limbs.indices.reversed() {
      let current = remainder << 32 | UInt64(limbs[index])
      limbs[index] = UInt32(truncatingIfNeeded: current / UInt64(divisor))
      remainder = current % UInt64(divisor)
    }
    normalize()
    return UInt32(truncatingIfNeeded: remainder)
  }

  mutating func add(_ other: BigUnsigned) {
    if limbs.count < other.limbs.count {
      limbs.append(contentsOf: repeatElement(0, count: other.limbs.count - limbs.count))
    }
    var carry: UInt64 = 0
    for index in limbs.indices {
      let rhs = index < other.limbs.count ? UInt64(other.limbs[index]) : 0
      if rhs == 0 && carry == 0 && index >= other.limbs.count { break }
      let sum = UInt64(limbs[index]) + rhs + carry
      limbs[index] = UInt32(truncatingIfNeeded: sum)
      carry = sum >> 32
    }
    if carry != 0 {
      limbs.append(UInt32(truncatingIfNeeded: carry))
    }
  }

  /// `self -= other`; the caller guarantees `self >= other`.
  mutating func subtract(_ other: BigUnsigned) {
    precondition(self >= other, "BigUnsigned subtraction would go negative")
    var borrow: UInt32 = 0
    for index in limbs.indices {
      let rhs = index < other.limbs.count ? other.limbs[index] : 0
      if rhs == 0 && borrow == 0 && index >= other.limbs.count { break }
      let (partial, overflow1) = limbs[index].subtractingReportingOverflow(rhs)
      let (difference, overflow2) = partial.subtractingReportingOverflow(borrow)
      limbs[index] = difference
      borrow = (overflow1 || overflow2) ? 1 : 0
    }
    normalize()
  }

  /// `self = (self + other) mod modulus`, for `self` and `other` both below `modulus`.
  mutating func addModulo(_ other: BigUnsigned, _ modulus: BigUnsigned) {
    add(other)
    if self >= modulus {
      subtract(modulus)
    }
  }

  /// `self = (self - other) mod modulus`, for `self` and `other` both below `modulus`.
  mutating func subtractModulo(_ other: BigUnsigned, _ modulus: BigUnsigned) {
    if self < other {
      add(modulus)
    }
    subtract(other)
  }

  /// Sets `self` to the big-endian number in `bytes`, reduced mod `modulus`.
  mutating func setToRemainder(of bytes: UnsafeBufferPointer<UInt8>, modulo modulus: BigUnsigned) {
    precondition(!modulus.isZero, "modulus must be positive")
    limbs.removeAll(keepingCapacity: true)
    if modulus.limbs.count <= 2 && (modulus.limbs.count == 2 || modulus.limbs[0] >= 256) {
      // Moduli up to 64 bits (e.g. 16-19 digit card numbers) reduce in registers.
      let mod =
        UInt64(modulus.limbs[0]) | (modulus.limbs.count == 2 ? UInt64(modulus.limbs[1]) << 32 : 0)
      // As many bytes as fit beside a remainder below `mod` go through each 64-bit division.
      let bytesPerStep = max(mod.leadingZeroBitCount / 8, 1)
      var remainder: UInt64 = 0
      var index = 0
      while index < bytes.count {
        let take = min(bytesPerStep, bytes.count - index)
        var chunk: UInt64 = 0
        for offset in index..<(index + take) {
          chunk = chunk << 8 | UInt64(bytes[offset])
        }
        // `take` is at most 6 since mod >= 256. The high word is zero unless mod >= 2^56; then
        // one byte is taken and the high word is below 256 <= mod, as dividingFullWidth requires.
        let shift = UInt64(take * 8)
        let high = remainder >> (64 - shift)
        let low = remainder << shift | chunk
        remainder = high == 0 ? low % mod : mod.dividingFullWidth((high, low)).remainder
        index += take
      }
      limbs.append(UInt32(truncatingIfNeeded: remainder))
      limbs.append(UInt32(truncatingIfNeeded: remainder >> 32))
      normalize()
      return
    }
    // Shift-and-subtract: simple and exact for any modulus; only long inputs come here.
    for byte in bytes {
      var mask: UInt8 = 0x80
      while mask != 0 {
        shiftLeftOne(carryIn: byte & mask != 0 ? 1 : 0)
        if self >= modulus {
          subtract(modulus)
        }
        mask >>= 1
      }
    }
  }

  /// Writes the value as exactly `buffer.count` big-endian bytes, zero-padded on the left.
  func writeBigEndian(into buffer: UnsafeMutableBufferPointer<UInt8>) {
    precondition(bitWidth <= buffer.count * 8, "value does not fit in \(buffer.count) bytes")
    let count = buffer.count
    for position in 0..<count {
      let limbIndex = position / 4
      let limb = limbIndex < limbs.count ? limbs[limbIndex] : 0
      buffer[count - 1 - position] = UInt8(truncatingIfNeeded: limb >> (UInt32(position % 4) * 8))
    }
  }

  /// STR_radix: writes the value as exactly `buffer.count` numerals, most significant first.
  /// Consumes the value (it is divided down to zero).
  mutating func writeNumerals(into buffer: UnsafeMutableBufferPointer<UInt8>, radix: Int) {
    let chunk = Self.chunk(radix: radix)
    var position = buffer.count
    while position > 0 {
      let digits = min(chunk.digits, position)
      let divisor =
        digits == chunk.digits ? chunk.multiplier : Self.power32(radix: radix, exponent: digits)
      var remainder = divide(by: divisor)
      for _ in 0..<digits {
        position -= 1
        buffer[position] = UInt8(truncatingIfNeeded: remainder % UInt32(radix))
        remainder /= UInt32(radix)
      }
    }
    precondition(isZero, "value has more than \(buffer.count) numerals in radix \(radix)")
  }

  private mutating func shiftLeftOne(carryIn: UInt32) {
    var carry = carryIn
    for index in limbs.indices {
      let limb = limbs[index]
      limbs[index] = limb << 1 | carry
      carry = limb >> 31
    }
    if carry != 0 {
      limbs.append(carry)
    }
  }

  private mutating func normalize() {
    while let top = limbs.last, top == 0 {
      limbs.removeLast()
    }
  }

  /// The most numerals of `radix` whose value always fits in a `UInt32`, and radix^that.
  private static func chunk(radix: Int) -> (digits: Int, multiplier: UInt32) {
    precondition(radix >= 2 && radix <= 1 << 16, "radix out of range")
    var digits = 0
    var multiplier: UInt64 = 1
    while multiplier * UInt64(radix) <= UInt64(UInt32.max) {
      multiplier *= UInt64(radix)
      digits += 1
    }
    return (digits, UInt32(multiplier))
  }

  private static func power32(radix: Int, exponent: Int) -> UInt32 {
    var result: UInt32 = 1
    for _ in 0..<exponent {
      result *= UInt32(radix)
    }
    return result
  }
}

extension BigUnsigned: Comparable {
  static func < (lhs: BigUnsigned, rhs: BigUnsigned) -> Bool {
    if lhs.limbs.count != rhs.limbs.count {
      return lhs.limbs.count < rhs.limbs.count
    }
    for index in lhs.limbs.indices.reversed() where lhs.limbs[index] != rhs.limbs[index] {
      return lhs.limbs[index] < rhs.limbs[index]
    }
    return false
  }
}
