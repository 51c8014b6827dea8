/**
 * Ink's `maxFps`, the same for every screen (run-tui, run-replay-tui, and the bench that measures
 * them). The frame clock is the first guard on how often the screen is drawn; Ink's throttle
 * (leading and trailing edge) is the second, and must sit well above the clock's rate: at equal
 * rates it drops every other frame. Its window also holds back any draw that comes soon after
 * another: at 3 × the clock's rate (33 ms at 10 fps) a symbol switch landing just after a clock
 * frame waited up to 33 ms before it was painted, the better part of the warm-switch p99 the
 * bench measured. A 5 ms window still folds commits that land together into one draw, and lets
 * a switch paint at once.
 */
export const INK_MAX_FPS = 200;
