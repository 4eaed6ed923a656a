import FoundationEssentials

/// A policy file in the safetensors format: an 8-byte little-endian header length, a JSON header
/// (`{"name": {"dtype", "shape", "data_offsets"}, "__metadata__": {...}}`) padded with spaces to
/// an 8-byte boundary, then the tensors' little-endian bytes, back to back.
public struct Safetensors: Sendable, Hashable {
  public var tensors: [PolicyTensor]
  public var metadata: [String: String]

  public init(tensors: [PolicyTensor], metadata: [String: String]) {
    self.tensors = tensors
    self.metadata = metadata
  }

  public func tensor(named name: String) -> PolicyTensor? {
    tensors.first { $0.name == name }
  }

  private struct TensorInfo: Codable {
    var dtype: String
    var shape: [Int]
    var dataOffsets: [Int]
    enum CodingKeys: String, CodingKey {
      case dtype, shape
      case dataOffsets = "data_offsets"
    }
  }

  private enum HeaderEntry: Decodable {
    case tensor(TensorInfo)
    case metadata([String: String])
    init(from decoder: any Decoder) throws {
      if let info = try? TensorInfo(from: decoder) {
        self = .tensor(info)
      } else {
        self = .metadata(try [String: String](from: decoder))
      }
    }
  }

  /// The file's bytes.
  public func encoded() throws(SafetensorsError) -> [UInt8] {
    var offset = 0
    var json = "{"
    let metadataJSON = metadata.keys.sorted().map { "\(quote($0)):\(quote(metadata[$0] ?? ""))" }
    json += "\"__metadata__\":{\(metadataJSON.joined(separator: ","))}"
    for t in tensors {
      guard t.shape.reduce(1, *) == t.values.count else {
        throw .malformed(
          "tensor \(t.name): shape \(t.shape) does not hold \(t.values.count) values")
      }
      let size = t.values.count * 4
      json +=
        ",\(quote(t.name)):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],"
      json += "\"data_offsets\":[\(offset),\(offset + size)]}"
      offset += size
    }
    json += "}"
    var header = Array(json.utf8)
    while (8 + header.count) % 8 != 0 { header.append(0x20) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(8 + header.count + offset)
    withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: header)
    for t in tensors {
      for v in t.values {
        withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
      }
    }
    return bytes
  }

  /// Parses a safetensors file with F32 tensors.
  public static func decode(_ bytes: [UInt8]) throws(SafetensorsError) -> Safetensors {
    guard bytes.count >= 8 else {
      throw .malformed("file is shorter than the 8-byte header length")
    }
    var length: UInt64 = 0
    for i in 0..<8 { length |= UInt64(bytes[i]) << (8 * UInt64(i)) }
    guard length <= UInt64(bytes.count - 8) else {
      throw .malformed("header length \(length) exceeds the file (\(bytes.count) bytes)")
    }
    let headerEnd = 8 + Int(length)
    let entries: [String: HeaderEntry]
    do {
      entries = try JSONDecoder().decode(
        [String: HeaderEntry].self, from: Data(bytes[8..<headerEnd]))
    } catch {
      throw .malformed("header is not valid safetensors JSON")
    }
    var metadata: [String: String] = [:]
    var infos: [(String, TensorInfo)] = []
    for (name, entry) in entries {
      switch entry {
      case .metadata(let m) where name == "__metadata__": metadata = m
      case .metadata: throw .malformed("entry \(name) is not a tensor")
      case .tensor(let info): infos.append((name, info))
      }
    }
    infos.sort { $0.1.dataOffsets.first ?? 0 < $1.1.dataOffsets.first ?? 0 }
    let dataSize = bytes.count - headerEnd
    var expected = 0
    var tensors: [PolicyTensor] = []
    for (name, info) in infos {
      guard info.dtype == "F32" else {
        throw .unsupported("tensor \(name) has dtype \(info.dtype)")
      }
      guard info.dataOffsets.count == 2, info.dataOffsets[0] == expected,
        info.dataOffsets[1] >= expected, info.dataOffsets[1] <= dataSize,
        info.shape.allSatisfy({ $0 >= 0 }),
        info.shape.reduce(1, *) * 4 == info.dataOffsets[1] - info.dataOffsets[0]
      else { throw .malformed("tensor \(name) has inconsistent offsets or shape") }
      let start = headerEnd + info.dataOffsets[0]
      let count = info.shape.reduce(1, *)
      var values = [Float](repeating: 0, count: count)
      for i in 0..<count {
        var bits: UInt32 = 0
        for b in 0..<4 { bits |= UInt32(bytes[start + 4 * i + b]) << (8 * UInt32(b)) }
        values[i] = Float(bitPattern: UInt32(littleEndian: bits))
      }
      tensors.append(PolicyTensor(name: name, shape: info.shape, values: values))
      expected = info.dataOffsets[1]
    }
    guard expected == dataSize else {
      throw .malformed("data section has \(dataSize - expected) stray bytes")
    }
    return Safetensors(tensors: tensors, metadata: metadata)
  }
}

private func quote(_ s: String) -> String {
  var out = "\""
  for scalar in s.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case let c where c.value < 0x20:
      out +=
        "\\u" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count)
        + String(c.value, radix: 16)
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}

/// A safetensors file that could not be written or read.
public enum SafetensorsError: Error, Sendable, CustomStringConvertible {
  case malformed(String)
  case unsupported(String)

  public var description: String {
    switch self {
    case .malformed(let why): "malformed safetensors file: \(why)"
    case .unsupported(let why): "unsupported safetensors content: \(why)"
    }
  }
}
