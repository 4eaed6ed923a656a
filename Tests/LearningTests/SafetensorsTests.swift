import Learning
import Testing

struct SafetensorsTests {
  @Test func roundTripsTensorsAndMetadata() throws {
    let file = Safetensors(
      tensors: [
        PolicyTensor(name: "actor.0.weight", shape: [2, 3], values: [1, -2, 3.5, 0, .pi, -0.0]),
        PolicyTensor(name: "actor.0.bias", shape: [2], values: [0.25, -1e-7]),
      ],
      metadata: ["algorithm": "ppo", "note": "quote \" and \\ and\nnewline"])
    let bytes = try file.encoded()
    // 8-byte little-endian header length, header padded to an 8-byte boundary.
    var length = 0
    for i in 0..<8 { length |= Int(bytes[i]) << (8 * i) }
    #expect((8 + length) % 8 == 0)
    #expect(bytes.count == 8 + length + 8 * 4)
    #expect(bytes[8] == UInt8(ascii: "{"))
    let decoded = try Safetensors.decode(bytes)
    #expect(decoded.metadata == file.metadata)
    #expect(decoded.tensor(named: "actor.0.weight") == file.tensors[0])
    #expect(decoded.tensor(named: "actor.0.bias") == file.tensors[1])
  }

  @Test func trainedPolicyExportsAndReloads() throws {
    let trainer = PPOTrainer(
      environment: CartPole(), configuration: PPOConfiguration(), seed: 1, stepBudget: 512,
      mode: .off, target: nil
    ) { _ in OpenGate<CartPole>() }
    _ = trainer.train(steps: 512)
    let (tensors, metadata) = trainer.policyTensors()
    let decoded = try Safetensors.decode(
      Safetensors(tensors: tensors, metadata: metadata).encoded())
    #expect(decoded.tensors.map(\.name).sorted() == tensors.map(\.name).sorted())
    let w = try #require(decoded.tensor(named: "actor.0.weight"))
    #expect(w.shape == [64, 4])
    #expect(w.values == Array(trainer.actor.weights(layer: 0)))
    #expect(decoded.tensor(named: "actor.4.bias")?.shape == [2])
    #expect(decoded.metadata["algorithm"] == "ppo")
  }

  @Test func malformedFilesAreRefusedWithAReason() throws {
    #expect(throws: SafetensorsError.self) { try Safetensors.decode([1, 2, 3]) }
    // Header length larger than the file.
    #expect(throws: SafetensorsError.self) {
      try Safetensors.decode([255, 0, 0, 0, 0, 0, 0, 0, 0x7B])
    }
    // Valid length, invalid JSON.
    #expect(throws: SafetensorsError.self) {
      try Safetensors.decode([2, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x7B])
    }
    // A tensor whose offsets don't cover its shape.
    let bad = Array(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#.utf8)
    var bytes: [UInt8] = []
    withUnsafeBytes(of: UInt64(bad.count).littleEndian) { bytes.append(contentsOf: $0) }
    bytes += bad + [0, 0, 0, 0]
    #expect(throws: SafetensorsError.self) { try Safetensors.decode(bytes) }
    let f16 = Array(#"{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#.utf8)
    bytes = []
    withUnsafeBytes(of: UInt64(f16.count).littleEndian) { bytes.append(contentsOf: $0) }
    bytes += f16 + [0, 0, 0, 0]
    #expect(throws: SafetensorsError.self) { try Safetensors.decode(bytes) }
  }
}
