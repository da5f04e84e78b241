//! The module's memory forgets: once switched on (a kiosk, `Estimator::zeroFreedMemory`), every
//! block is zeroed as it is freed, so once the page drops a visitor's answers and estimate
//! (`Estimator::forget`, called at the wipe) nothing of them lies in freed memory for the next
//! visitor, or a memory dump, to find — not the place name an estimate composed, nor a copy
//! left behind when a string grew. Off on phones: it costs about a fifth of an estimate.
use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicBool, Ordering};

pub struct ZeroOnFree<A>(pub A);

static ON: AtomicBool = AtomicBool::new(false);

/// From now on, every block freed is zeroed first.
pub fn switch_on() {
    ON.store(true, Ordering::Relaxed);
}

// SAFETY: every call goes to the inner allocator with the same arguments; `dealloc` may first
// write zeros over the block it was given, which the caller owns until the call. `realloc`
// is the trait's own (alloc, copy, dealloc), so a block left behind by a move is zeroed too.
unsafe impl<A: GlobalAlloc> GlobalAlloc for ZeroOnFree<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { self.0.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe {
            if ON.load(Ordering::Relaxed) {
                ptr.write_bytes(0, layout.size());
            }
            self.0.dealloc(ptr, layout)
        }
    }
}
