//! Ctrl-C, SIGTERM and SIGHUP: counted here by the signal handler; a command that
//! can stop cleanly (batch) asks for the first one to be only noted.

/// Interrupts received (Ctrl-C, SIGTERM, SIGHUP).
static INTERRUPTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
/// Whether the running command stops cleanly on the first interrupt.
static STOP_CLEANLY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Ask that the first interrupt only be noted (see [`interrupted`]): the command
/// finishes what is under way, writes what it owes (batch: the report) and exits 130.
/// A second interrupt stops at once.
pub fn stop_cleanly_on_interrupt() {
    STOP_CLEANLY.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Called by the signal handler: count the interrupt, and say whether the command
/// handles it itself (true) or the process must stop now (false).
pub fn note_interrupt() -> bool {
    use std::sync::atomic::Ordering::SeqCst;
    let earlier = INTERRUPTS.fetch_add(1, SeqCst);
    STOP_CLEANLY.load(SeqCst) && earlier == 0
}

/// Whether an interrupt arrived.
pub fn interrupted() -> bool {
    INTERRUPTS.load(std::sync::atomic::Ordering::SeqCst) > 0
}
