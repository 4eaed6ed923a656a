import COpenBLAS

/// The dense-layer kernels: single-precision GEMM through OpenBLAS (run single-threaded, so
/// concurrent jobs don't oversubscribe the cores and results are bit-for-bit repeatable) and
/// elementwise loops written so the compiler vectorises them.
public enum DenseKernels {
  /// OpenBLAS must not start its own thread pool: each job already runs on one worker.
  private static let configured: Void = { openblas_set_num_threads(1) }()

  public static func configure() { _ = configured }

  /// C[m×n] = alpha · op(A) · op(B) + beta · C, all row-major.
  @inline(__always)
  static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float,
    c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    cblas_sgemm(
      Int32(RampartBLASRowMajor), Int32(transposeA ? RampartBLASTrans : RampartBLASNoTrans),
      Int32(transposeB ? RampartBLASTrans : RampartBLASNoTrans), Int32(m), Int32(n), Int32(k),
      alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  /// tanh with Eigen's rational approximation (max error 4e-7 against float64 tanh), vectorisable.
  @inline(__always)
  static func tanh(_ x: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count {
      let v = min(max(x[i], -7.905_311_1), 7.905_311_1)
      let x2 = v * v
      var p: Float = -2.760_768_5e-16
      p = p * x2 + 2.000_187_9e-13
      p = p * x2 + -8.604_671_5e-11
      p = p * x2 + 5.122_297_1e-08
      p = p * x2 + 1.485_722_4e-05
      p = p * x2 + 6.372_619_3e-04
      p = p * x2 + 4.893_524_6e-03
      p = p * v
      var q: Float = 1.198_258_4e-06
      q = q * x2 + 1.185_347_1e-04
      q = q * x2 + 2.268_434_6e-03
      q = q * x2 + 4.893_525_2e-03
      let r = p / q
      x[i] = abs(v) < 0.0004 ? v : r
    }
  }

  /// The scalar form of `tanh`, for code outside the batched path (gradient checks, tests).
  public static func tanh(_ x: Float) -> Float {
    var v = x
    tanh(&v, count: 1)
    return v
  }
}
