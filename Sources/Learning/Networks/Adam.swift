/// Adam, with PyTorch's update rule (bias-corrected step size, ε added after the square root).
public struct Adam: Sendable {
  public var beta1: Float = 0.9
  public var beta2: Float = 0.999
  public var epsilon: Float
  public private(set) var step = 0
  private var m: [Float]
  private var v: [Float]

  public init(parameterCount: Int, epsilon: Float = 1e-8) {
    self.epsilon = epsilon
    m = Array(repeating: 0, count: parameterCount)
    v = Array(repeating: 0, count: parameterCount)
  }

  /// One update of `parameters` from `gradients` with learning rate `lr`.
  public mutating func update(
    parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeMutableBufferPointer<Float>,
    learningRate lr: Float
  ) {
    step += 1
    let b1 = beta1
    let b2 = beta2
    let correction1 = 1 - Float(Double(b1).power(step))
    let correction2 = 1 - Float(Double(b2).power(step))
    let stepSize = lr / correction1
    let root2 = correction2.squareRoot()
    let eps = epsilon
    let n = parameters.count
    m.withUnsafeMutableBufferPointer { m in
      v.withUnsafeMutableBufferPointer { v in
        for i in 0..<n {
          let g = gradients[i]
          m[i] = b1 * m[i] + (1 - b1) * g
          v[i] = b2 * v[i] + (1 - b2) * g * g
          parameters[i] -= stepSize * m[i] / (v[i].squareRoot() / root2 + eps)
        }
      }
    }
  }
}

extension Double {
  /// `self` to a non-negative integer power, by repeated squaring (no libm dependence).
  func power(_ n: Int) -> Double {
    var result = 1.0
    var base = self
    var e = n
    while e > 0 {
      if e & 1 == 1 { result *= base }
      base *= base
      e >>= 1
    }
    return result
  }
}
