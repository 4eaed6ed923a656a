import Foundation
import Learning
import Testing

/// The hand-written backward pass against finite differences of an independent float64
/// re-implementation of the forward pass.
struct MLPGradientTests {
  /// loss = Σ_b Σ_j c[b,j] · out[b,j], computed in Double from the network's parameters.
  static func referenceLoss(
    _ net: MLP, params: [Double], input: [Double], batch: Int, weights c: [Double]
  ) -> Double {
    var activations = input
    var width = net.sizes[0]
    var offset = 0
    for l in 0..<net.layerCount {
      let outSize = net.sizes[l + 1]
      let w = Array(params[offset..<(offset + outSize * width)])
      offset += outSize * width
      let b = Array(params[offset..<(offset + outSize)])
      offset += outSize
      var next = [Double](repeating: 0, count: batch * outSize)
      for r in 0..<batch {
        for o in 0..<outSize {
          var z = b[o]
          for i in 0..<width { z += w[o * width + i] * activations[r * width + i] }
          next[r * outSize + o] = l < net.layerCount - 1 ? Foundation.tanh(z) : z
        }
      }
      activations = next
      width = outSize
    }
    return zip(activations, c).reduce(0) { $0 + $1.0 * $1.1 }
  }

  @Test func parameterAndInputGradientsMatchFiniteDifferences() {
    let net = MLP(sizes: [4, 16, 8, 3], batchCapacity: 5)
    var rng = Xoshiro256(seed: 5)
    net.initialize(outputGain: 1, rng: &rng)
    // Non-zero biases so their gradients are exercised too.
    for l in 0..<net.layerCount {
      let b = net.bias(layer: l)
      for i in b.indices { b[i] = Float(rng.uniform(-0.3, 0.3)) }
    }
    let batch = 5
    let input = (0..<(batch * 4)).map { _ in Float(rng.uniform(-1, 1)) }
    let c = (0..<(batch * 3)).map { _ in Float(rng.uniform(-1, 1)) }
    net.zeroGradients()
    net.forward(input, batch: batch)
    var inputGradient = [Float](repeating: 0, count: batch * 4)
    net.backward(c, batch: batch, inputGradient: &inputGradient)

    let params = net.parameters.map(Double.init)
    let x = input.map(Double.init)
    let cd = c.map(Double.init)
    let h = 1e-6
    var worst = 0.0
    for k in 0..<params.count {
      var plus = params
      var minus = params
      plus[k] += h
      minus[k] -= h
      let numeric =
        (Self.referenceLoss(net, params: plus, input: x, batch: batch, weights: cd)
          - Self.referenceLoss(net, params: minus, input: x, batch: batch, weights: cd)) / (2 * h)
      let analytic = Double(net.gradients[k])
      worst = max(worst, abs(numeric - analytic) / max(1e-3, abs(numeric) + abs(analytic)))
    }
    #expect(worst < 1e-3, "worst relative parameter-gradient error \(worst)")

    var worstInput = 0.0
    for k in 0..<x.count {
      var plus = x
      var minus = x
      plus[k] += h
      minus[k] -= h
      let numeric =
        (Self.referenceLoss(net, params: params, input: plus, batch: batch, weights: cd)
          - Self.referenceLoss(net, params: params, input: minus, batch: batch, weights: cd))
        / (2 * h)
      worstInput = max(
        worstInput, abs(numeric - Double(inputGradient[k])) / max(1e-3, abs(numeric)))
    }
    #expect(worstInput < 1e-3, "worst relative input-gradient error \(worstInput)")
  }

  @Test func gradientsAccumulateUntilZeroed() {
    let net = MLP(sizes: [2, 4, 1], batchCapacity: 1)
    var rng = Xoshiro256(seed: 1)
    net.initialize(outputGain: 1, rng: &rng)
    let input: [Float] = [0.3, -0.2]
    let g: [Float] = [1]
    net.forward(input, batch: 1)
    net.backward(g, batch: 1)
    let once = Array(net.gradients)
    net.forward(input, batch: 1)
    net.backward(g, batch: 1)
    for (a, b) in zip(net.gradients, once) { #expect(abs(a - 2 * b) <= 1e-6 * max(1, abs(b))) }
    net.zeroGradients()
    #expect(net.gradients.allSatisfy { $0 == 0 })
  }

  @Test func orthogonalInitialisationIsOrthogonal() {
    let net = MLP(sizes: [4, 64, 2])
    var rng = Xoshiro256(seed: 2)
    net.initialize(outputGain: 1, rng: &rng)
    // Layer 0 is 64x4 (tall): its columns are orthonormal times √2.
    let w = net.weights(layer: 0)
    for i in 0..<4 {
      for j in 0..<4 {
        var dot: Float = 0
        for r in 0..<64 { dot += w[r * 4 + i] * w[r * 4 + j] }
        #expect(abs(dot - (i == j ? 2 : 0)) < 1e-4)
      }
    }
  }

  @Test func fastTanhIsAccurate() {
    var x = -9.0
    while x < 9 {
      #expect(abs(Double(DenseKernels.tanh(Float(x))) - Foundation.tanh(x)) < 1e-6)
      x += 0.001
    }
  }
}
