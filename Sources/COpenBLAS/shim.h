// The two OpenBLAS entry points Rampart uses, declared here so the module does not depend on
// where a distribution installs cblas.h. Enum parameters are passed as int (same ABI).
#ifndef RAMPART_COPENBLAS_SHIM_H
#define RAMPART_COPENBLAS_SHIM_H

enum { RampartBLASRowMajor = 101, RampartBLASNoTrans = 111, RampartBLASTrans = 112 };

void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha,
                 const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc);
void openblas_set_num_threads(int threads);
int openblas_get_num_threads(void);

#endif
