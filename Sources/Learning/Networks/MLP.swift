/// A multilayer perceptron with tanh hidden layers and a linear output, with hand-written
/// forward and backward passes over minibatches.
///
/// Parameters live in one flat buffer in PyTorch's layout (`layers.i.weight` is `[out, in]`
/// row-major, then `layers.i.bias`), so the optimiser, gradient clipping and safetensors export
/// each see one contiguous array. An instance is confined to one thread (its job's queue).
public final class MLP {
  public let sizes: [Int]
  public let parameterCount: Int
  /// All weights and biases.
  public let parameters: UnsafeMutableBufferPointer<Float>
  /// Gradients accumulated by `backward`, same layout as `parameters`.
  public let gradients: UnsafeMutableBufferPointer<Float>
  private let parameterBase: UnsafeMutablePointer<Float>
  private let gradientBase: UnsafeMutablePointer<Float>
  public private(set) var batchCapacity: Int
  let weightOffset: [Int]
  let biasOffset: [Int]
  /// activations[l]: layer l's output for the last forward batch (activations[0] is the input).
  private var activations: [UnsafeMutablePointer<Float>] = []
  private var deltas: [UnsafeMutablePointer<Float>] = []

  public var inputSize: Int { sizes[0] }
  public var outputSize: Int { sizes[sizes.count - 1] }
  public var layerCount: Int { sizes.count - 1 }

  /// - Parameters:
  ///   - sizes: `[input, hidden..., output]`.
  ///   - batchCapacity: the largest batch `forward` will see (grown on demand).
  public init(sizes: [Int], batchCapacity: Int = 256) {
    precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 })
    DenseKernels.configure()
    self.sizes = sizes
    var offset = 0
    var w: [Int] = []
    var b: [Int] = []
    for l in 0..<(sizes.count - 1) {
      w.append(offset)
      offset += sizes[l] * sizes[l + 1]
      b.append(offset)
      offset += sizes[l + 1]
    }
    weightOffset = w
    biasOffset = b
    parameterCount = offset
    parameterBase = .allocate(capacity: offset)
    parameterBase.initialize(repeating: 0, count: offset)
    gradientBase = .allocate(capacity: offset)
    gradientBase.initialize(repeating: 0, count: offset)
    parameters = UnsafeMutableBufferPointer(start: parameterBase, count: offset)
    gradients = UnsafeMutableBufferPointer(start: gradientBase, count: offset)
    self.batchCapacity = 0
    reserve(batch: batchCapacity)
  }

  deinit {
    parameterBase.deallocate()
    gradientBase.deallocate()
    for p in activations { p.deallocate() }
    for p in deltas { p.deallocate() }
  }

  /// Makes room for batches of up to `batch` samples.
  public func reserve(batch: Int) {
    guard batch > batchCapacity else { return }
    for p in activations { p.deallocate() }
    for p in deltas { p.deallocate() }
    activations = sizes.map { UnsafeMutablePointer<Float>.allocate(capacity: $0 * batch) }
    deltas = sizes.map { UnsafeMutablePointer<Float>.allocate(capacity: $0 * batch) }
    batchCapacity = batch
  }

  /// Layer `l`'s weight matrix `[out, in]`.
  public func weights(layer l: Int) -> UnsafeMutableBufferPointer<Float> {
    UnsafeMutableBufferPointer(
      rebasing: parameters[weightOffset[l]..<(weightOffset[l] + sizes[l] * sizes[l + 1])])
  }

  /// Layer `l`'s bias vector `[out]`.
  public func bias(layer l: Int) -> UnsafeMutableBufferPointer<Float> {
    UnsafeMutableBufferPointer(rebasing: parameters[biasOffset[l]..<(biasOffset[l] + sizes[l + 1])])
  }

  /// Orthogonal initialisation (as Stable-Baselines3 does): hidden layers with gain √2, the output
  /// layer with `outputGain`; biases zero.
  public func initialize(outputGain: Double, rng: inout Xoshiro256) {
    for l in 0..<layerCount {
      let gain = l == layerCount - 1 ? outputGain : 2.0.squareRoot()
      let w = Self.orthogonal(rows: sizes[l + 1], columns: sizes[l], gain: gain, rng: &rng)
      let dst = weights(layer: l)
      for i in 0..<w.count { dst[i] = Float(w[i]) }
      bias(layer: l).update(repeating: 0)
    }
  }

  /// A `rows × columns` matrix with orthonormal rows or columns (Gram–Schmidt on a Gaussian
  /// matrix with the sign convention of QR's positive diagonal), scaled by `gain`.
  static func orthogonal(rows: Int, columns: Int, gain: Double, rng: inout Xoshiro256) -> [Double] {
    let tall = max(rows, columns)
    let narrow = min(rows, columns)
    // Columns of a tall×narrow Gaussian matrix, orthonormalised.
    var q = (0..<(tall * narrow)).map { _ in rng.nextGaussian() }
    for j in 0..<narrow {
      for k in 0..<j {
        var dot = 0.0
        for i in 0..<tall { dot += q[i * narrow + j] * q[i * narrow + k] }
        for i in 0..<tall { q[i * narrow + j] -= dot * q[i * narrow + k] }
      }
      var norm = 0.0
      for i in 0..<tall { norm += q[i * narrow + j] * q[i * narrow + j] }
      norm = norm.squareRoot()
      for i in 0..<tall { q[i * narrow + j] /= norm }
    }
    var out = [Double](repeating: 0, count: rows * columns)
    for r in 0..<rows {
      for c in 0..<columns {
        // Tall: rows ≥ columns, take q directly; wide: transpose.
        out[r * columns + c] = gain * (rows >= columns ? q[r * narrow + c] : q[c * narrow + r])
      }
    }
    return out
  }

  /// Runs a batch (`input` is `[batch, inputSize]`) and returns the output `[batch, outputSize]`,
  /// valid until the next call. Activations are kept for `backward`.
  @discardableResult
  public func forward(_ input: UnsafePointer<Float>, batch: Int) -> UnsafePointer<Float> {
    reserve(batch: batch)
    activations[0].update(from: input, count: batch * sizes[0])
    for l in 0..<layerCount {
      let inSize = sizes[l]
      let outSize = sizes[l + 1]
      let out = activations[l + 1]
      let b = parameterBase + biasOffset[l]
      for r in 0..<batch { (out + r * outSize).update(from: b, count: outSize) }
      DenseKernels.gemm(
        transposeA: false, transposeB: true, m: batch, n: outSize, k: inSize,
        a: activations[l], lda: inSize, b: parameterBase + weightOffset[l], ldb: inSize,
        beta: 1, c: out, ldc: outSize)
      if l < layerCount - 1 { DenseKernels.tanh(out, count: batch * outSize) }
    }
    return UnsafePointer(activations[layerCount])
  }

  /// The output of the last forward pass.
  public var output: UnsafePointer<Float> { UnsafePointer(activations[layerCount]) }

  /// Back-propagates `outputGradient` (`[batch, outputSize]`, ∂loss/∂output) through the last
  /// forward pass, adding the parameter gradients to `gradients`. When `inputGradient` is given,
  /// ∂loss/∂input (`[batch, inputSize]`) is written there.
  public func backward(
    _ outputGradient: UnsafePointer<Float>, batch: Int,
    inputGradient: UnsafeMutablePointer<Float>? = nil
  ) {
    let g = gradientBase
    let p = parameterBase
    deltas[layerCount].update(from: outputGradient, count: batch * outputSize)
    for l in stride(from: layerCount - 1, through: 0, by: -1) {
      let inSize = sizes[l]
      let outSize = sizes[l + 1]
      let delta = deltas[l + 1]
      if l < layerCount - 1 {
        // Through tanh: δ ← δ · (1 − a²).
        let a = activations[l + 1]
        for i in 0..<(batch * outSize) { delta[i] *= 1 - a[i] * a[i] }
      }
      // ∂W += δᵀ · a_in  ([out, batch] · [batch, in]).
      DenseKernels.gemm(
        transposeA: true, transposeB: false, m: outSize, n: inSize, k: batch, a: delta,
        lda: outSize, b: activations[l], ldb: inSize, beta: 1, c: g + weightOffset[l], ldc: inSize)
      let gb = g + biasOffset[l]
      for r in 0..<batch {
        let row = delta + r * outSize
        for j in 0..<outSize { gb[j] += row[j] }
      }
      if let target = l > 0 ? deltas[l] : inputGradient {
        // ∂a_in = δ · W  ([batch, out] · [out, in]).
        DenseKernels.gemm(
          transposeA: false, transposeB: false, m: batch, n: inSize, k: outSize, a: delta,
          lda: outSize, b: p + weightOffset[l], ldb: inSize, beta: 0, c: target, ldc: inSize)
      }
    }
  }

  public func zeroGradients() {
    gradients.update(repeating: 0)
  }

  /// Copies parameters from another network of the same shape.
  public func copyParameters(from other: MLP) {
    precondition(other.sizes == sizes)
    parameterBase.update(from: other.parameterBase, count: parameterCount)
  }

  /// The tensors in PyTorch naming (`layers.0.weight`, ...) with their shapes.
  public func namedTensors(prefix: String) -> [(name: String, shape: [Int], values: [Float])] {
    (0..<layerCount).flatMap { l -> [(name: String, shape: [Int], values: [Float])] in
      [
        ("\(prefix).\(l).weight", [sizes[l + 1], sizes[l]], Array(weights(layer: l))),
        ("\(prefix).\(l).bias", [sizes[l + 1]], Array(bias(layer: l))),
      ]
    }
  }
}
