#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The PPO actor as an attacker sees it. Runs a batch-of-one forward and backward pass on the
/// live network: the rollout copies its own logits before sending transitions, and the update
/// zeroes the gradients this adds before it back-propagates, so training is not disturbed.
final class ActorProbe: PolicyProbe {
  let actor: MLP
  let actionCount: Int
  private var outputGradient: [Float]

  init(actor: MLP, actionCount: Int) {
    self.actor = actor
    self.actionCount = actionCount
    outputGradient = Array(repeating: 0, count: actionCount)
  }

  func lossGradient(
    of observation: UnsafePointer<Float>, into gradient: UnsafeMutablePointer<Float>
  ) {
    let logits = actor.forward(observation, batch: 1)
    var best = 0
    var top = logits[0]
    for k in 1..<actionCount where logits[k] > top {
      top = logits[k]
      best = k
    }
    var sum: Float = 0
    for k in 0..<actionCount { sum += (logits[k] - top).exp }
    // ∂(−log softmax(z)[a*])/∂z = softmax(z) − onehot(a*).
    for k in 0..<actionCount {
      outputGradient[k] = (logits[k] - top).exp / sum - (k == best ? 1 : 0)
    }
    outputGradient.withUnsafeBufferPointer { g in
      if let base = g.baseAddress { actor.backward(base, batch: 1, inputGradient: gradient) }
    }
  }
}

extension Float {
  fileprivate var exp: Float { expf(self) }
}
