//! glibc's malloc heap, set up for each kind of run. A big report's
//! pieces (a `String` per line, per paragraph, per recommendation) are
//! small and many: on 4 KiB pages, first touching them costs a page fault
//! every few dozen allocations, a fifth of the time of a big extraction.
//! Its heaps are on huge pages, reserved ahead and never trimmed, and take
//! a fault per 2 MiB; each thread keeps its own arena, since sharing the
//! main one would make them wait for each other at every allocation. A
//! compilation's workers' heaps are on huge pages too, with less room
//! reserved; it keeps the memory it frees for reuse, and gives it back
//! only when there is much of it.

/// Sets up the heaps of a big report's run; call before any thread
/// starts, so that the tuning holds for every arena.
pub fn prepare_for_big_reports() -> Workers {
    on_huge_pages(256 << 20, true)
}

/// The worker threads, being started on a thread of their own while the
/// main thread reads on: starting a thread takes a fraction of a
/// millisecond, and building the pool waits for every one.
#[must_use = "wait for the workers before the first parallel work"]
pub struct Workers(Option<std::sync::mpsc::Receiver<()>>);

impl Workers {
    /// Waits until the first worker has started: the pool is then being
    /// made, and whoever asks rayon for it waits until it is made, rather
    /// than making another. Each worker sets up its heap before its first
    /// job.
    pub fn ready(self) {
        if let Some(started) = self.0 {
            // A start that failed (the message never sent) leaves rayon to
            // make its pool when first asked, with glibc's heaps.
            let _ = started.recv();
        }
    }
}

/// The workers' heaps, and the main thread's if `main_heap`, on huge
/// pages, freed memory kept, and room for `reserved` bytes made at a time
/// (see `keep_freed_memory`).
///
/// A page touched before the advice stays a small page, and so do the
/// pages after it in its 2 MiB: nothing may be written past a heap's
/// first huge page boundary until the advice is given.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn on_huge_pages(reserved: usize, main_heap: bool) -> Workers {
    // SAFETY: the blocks allocated are freed at once, or kept for the whole
    // run; madvise is given whole pages of the heaps, which glibc owns, and
    // MADV_HUGEPAGE only changes how the kernel backs them, never what
    // they hold.
    unsafe {
        use std::ffi::{c_int, c_void};
        extern "C" {
            fn malloc(size: usize) -> *mut c_void;
            fn free(ptr: *mut c_void);
            fn sbrk(increment: isize) -> *mut c_void;
            fn madvise(addr: *mut c_void, len: usize, advice: c_int) -> c_int;
        }
        const MADV_HUGEPAGE: c_int = 14;
        const HUGE_PAGE: usize = 2 << 20;
        keep_freed_memory(reserved);
        // The main heap's free top runs to the break. Below the first
        // huge page the heap is on small pages, a fault every page: a
        // block kept from the top to short of it sends what follows to
        // the huge pages, and, bigger than the room left, grows the heap
        // by the pad.
        let start = sbrk(0) as usize;
        let mut end = start;
        if main_heap {
            let top = start - mallinfo2().keepcost;
            let first = (start + (64 << 10)).next_multiple_of(HUGE_PAGE);
            keep_between(top, first);
            end = sbrk(0) as usize;
            let last = end - end % HUGE_PAGE;
            if last > first {
                madvise(first as *mut c_void, last - first, MADV_HUGEPAGE);
            }
        }
        // Each worker's arena is a heap of its own, mapped whole at its
        // first allocation, on a boundary of its maximum size (64 MiB):
        // found from any block in it. Each worker sets up its own as it
        // starts, before its first job, while the main thread reads on.
        const ARENA_HEAP: usize = 64 << 20;
        let arena_on_huge_pages = move || {
            let block = std::hint::black_box(malloc(64));
            let heap = (block as usize) & !(ARENA_HEAP - 1);
            free(block);
            if heap >= end || heap + ARENA_HEAP <= start {
                madvise(heap as *mut c_void, ARENA_HEAP, MADV_HUGEPAGE);
                // Its first pages were touched before the advice: its
                // first 2 MiB stay small pages, and are kept. A fresh
                // arena's free top starts after the small block just
                // freed (kept for reuse, not merged).
                keep_between(block as usize + 64, heap + HUGE_PAGE);
            }
        };
        let (started, first_started) = std::sync::mpsc::sync_channel(1);
        // Unnamed, so that the workers it starts take the program's name.
        let starting = std::thread::Builder::new().spawn(move || {
            let pool = rayon::ThreadPoolBuilder::new()
                .start_handler(move |_| {
                    let _ = started.try_send(());
                    arena_on_huge_pages();
                })
                .build_global();
            if pool.is_err() {
                // The pool was already running: its workers are set
                // up when they are next idle.
                rayon::spawn_broadcast(move |_| arena_on_huge_pages());
            }
        });
        Workers(starting.is_ok().then_some(first_started))
    }
}

/// Elsewhere glibc's tuning does not apply: rayon starts its workers when
/// first asked.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn on_huge_pages(_reserved: usize, _main_heap: bool) -> Workers {
    Workers(None)
}

/// Keeps a block of the calling thread's heap from `top`, where its free
/// top starts, to 64 bytes short of `boundary`, so that what is allocated
/// next starts there. glibc writes the header of the heap's new top just
/// after the block, short of the boundary; the block itself is never
/// touched and takes no memory.
///
/// # Safety
/// `top` must be where the calling thread's heap's free top starts, and
/// `boundary` in the same heap, 16-byte aligned.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
unsafe fn keep_between(top: usize, boundary: usize) {
    extern "C" {
        fn malloc(size: usize) -> *mut std::ffi::c_void;
    }
    // A block of `n` bytes takes `n` + 8 rounded up to 16 from the top.
    let taken = boundary.saturating_sub(top + 64);
    if taken > 4096 {
        std::hint::black_box(malloc(taken - 8));
    }
}

/// Sets up the heap of a compilation; call before any thread starts. A
/// compilation's threads allocate and free many middling blocks (the
/// lines, the XML, the font tables): left to glibc's defaults, every block
/// over 128 KiB is a mapping of its own, made and unmade, and each arena
/// gives its freed top back and grows again, a page at a time, so that the
/// same memory is faulted in (zeroed by the kernel) again and again. Kept,
/// it is reused: a tenth less CPU time, and the same peak, since what is
/// never touched is never resident. Its workers' heaps are on huge pages,
/// as a big report's: the faults are a third as many again, for a few MB
/// more at the peak (a huge page is resident whole once touched).
pub fn prepare_for_compiling() -> Workers {
    // A worker's arena is at most 64 MiB: its first room and this pad must
    // fit in it, or glibc maps it without the pad. The main thread only
    // reads the manifest and waits: a huge page there would be 2 MB more
    // at the peak for a few dozen faults fewer.
    on_huge_pages(32 << 20, false)
}

/// Big blocks in the heap, freed memory kept rather than given back as it
/// is freed, and room for `top_pad` more bytes made whenever a heap is
/// made or grown (reserved, not touched).
fn keep_freed_memory(top_pad: usize) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes glibc's tuning.
    unsafe {
        use std::ffi::c_int;
        extern "C" {
            fn mallopt(param: c_int, value: c_int) -> c_int;
        }
        const M_TRIM_THRESHOLD: c_int = -1;
        const M_TOP_PAD: c_int = -2;
        const M_MMAP_THRESHOLD: c_int = -3;
        // Big vectors in the heap too, not in mappings made and unmade
        // (and faulted in again) as they grow.
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        mallopt(M_TRIM_THRESHOLD, c_int::MAX);
        mallopt(M_TOP_PAD, c_int::try_from(top_pad).unwrap_or(c_int::MAX));
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = top_pad;
}

/// Gives the memory freed so far back to the system, when there is much of
/// it. The reports are read and decided on some threads, the Word document
/// and the PDF written on others: each thread's arena keeps what it freed,
/// and a big compilation's peak would be their sum. A small one frees a
/// few megabytes, which giving back (and faulting in again) costs more
/// than keeping: giving back splits the arenas' huge pages, and what is
/// allocated next faults in a small page at a time.
pub fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallinfo2 only reads glibc's counts; malloc_trim only returns
    // free pages of its arenas.
    unsafe {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        const WORTH_GIVING_BACK: usize = 16 << 20;
        // glibc's count of free bytes takes in each arena's room reserved
        // ahead, which is never touched: what was freed and is still
        // resident is told by the system's count of the process's memory.
        let freed = anonymous_resident().map(|r| r.saturating_sub(mallinfo2().uordblks));
        if freed.is_some_and(|f| f > WORTH_GIVING_BACK) {
            malloc_trim(0);
        }
    }
}

/// Bytes of the process's memory that are resident and not mapped from
/// files (the heaps, mostly), as `/proc/self/statm` counts them.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn anonymous_resident() -> Option<usize> {
    extern "C" {
        fn sysconf(name: std::ffi::c_int) -> std::ffi::c_long;
    }
    const SC_PAGESIZE: std::ffi::c_int = 30;
    // SAFETY: sysconf only reads a setting.
    let page = usize::try_from(unsafe { sysconf(SC_PAGESIZE) }).ok()?;
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let mut pages = statm.split_ascii_whitespace().skip(1);
    let resident: usize = pages.next()?.parse().ok()?;
    let shared: usize = pages.next()?.parse().ok()?;
    Some(resident.saturating_sub(shared) * page)
}

/// glibc's `struct mallinfo2`, all `size_t`.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[repr(C)]
struct Counts {
    arena: usize,
    ordblks: usize,
    smblks: usize,
    hblks: usize,
    hblkhd: usize,
    usmblks: usize,
    fsmblks: usize,
    /// Bytes in blocks in use.
    uordblks: usize,
    fordblks: usize,
    /// The size of the last arena's free top (the main heap's, while no
    /// other thread has allocated).
    keepcost: usize,
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
extern "C" {
    fn mallinfo2() -> Counts;
}
