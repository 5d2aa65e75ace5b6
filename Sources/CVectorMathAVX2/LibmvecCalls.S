// Trampolines into glibc's libmvec that take pointers, so that C code built without -mavx can
// call it: each loads the ymm argument registers, calls the kernel with the stack aligned, and
// stores ymm0 (see LibmvecLoops.c). Called only after CVectorMath's CPU check.

// void symdiff_libmvec_pow4(const double *a, const double *b, double *y)
        .text
        .p2align 4
        .globl  symdiff_libmvec_pow4
        .hidden symdiff_libmvec_pow4
        .type   symdiff_libmvec_pow4, @function
symdiff_libmvec_pow4:
        .cfi_startproc
        pushq   %rbx                    // rbx (callee-saved) keeps y across the call; rsp is now 16-aligned
        .cfi_def_cfa_offset 16
        .cfi_offset %rbx, -16
        movq    %rdx, %rbx
        vmovupd (%rdi), %ymm0
        vmovupd (%rsi), %ymm1
        call    _ZGVdN4vv_pow@PLT
        vmovupd %ymm0, (%rbx)
        vzeroupper
        popq    %rbx
        .cfi_def_cfa_offset 8
        ret
        .cfi_endproc
        .size   symdiff_libmvec_pow4, .-symdiff_libmvec_pow4

        .section .note.GNU-stack,"",@progbits
