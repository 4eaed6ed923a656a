// ncursesw for Swift 6: the wide-character API switched on, and accessors for what Swift cannot
// import (function-like macros, C globals that strict concurrency rejects).
#ifndef RAMPART_CNCURSESW_SHIM_H
#define RAMPART_CNCURSESW_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static inline int rt_lines(void) { return LINES; }
static inline int rt_cols(void) { return COLS; }
static inline int rt_colors(void) { return COLORS; }
static inline int rt_color_pairs(void) { return COLOR_PAIRS; }
static inline WINDOW *rt_stdscr(void) { return stdscr; }
static inline FILE *rt_stdout(void) { return stdout; }
static inline FILE *rt_stdin(void) { return stdin; }
static inline void rt_flush_stdout(void) { fflush(stdout); }
static inline attr_t rt_a_bold(void) { return A_BOLD; }
static inline attr_t rt_a_dim(void) { return A_DIM; }
static inline attr_t rt_a_reverse(void) { return A_REVERSE; }
static inline attr_t rt_a_underline(void) { return A_UNDERLINE; }
static inline attr_t rt_a_italic(void) { return A_ITALIC; }
static inline int rt_key_code_yes(void) { return KEY_CODE_YES; }
// Extended pairs take direct (24-bit) colour values as well as palette indices.
static inline int rt_init_pair(int pair, int fg, int bg) { return init_extended_pair(pair, fg, bg); }

// Writes `n` wide characters at (y, x) with the given attributes and colour pair.
static inline int rt_put(WINDOW *w, int y, int x, const wchar_t *s, int n, attr_t attr, int pair) {
  wattr_set(w, attr, (short)pair, NULL);
  return mvwaddnwstr(w, y, x, s, n);
}

// The locale's codeset is UTF-8.
static inline int rt_locale_is_utf8(void) {
  const char *cs = nl_langinfo(CODESET);
  return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static inline mmask_t rt_mouse_mask_all(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline int rt_button1(mmask_t m) { return (m & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0; }
static inline int rt_wheel_up(mmask_t m) { return (m & BUTTON4_PRESSED) != 0; }
static inline int rt_wheel_down(mmask_t m) { return (m & BUTTON5_PRESSED) != 0; }

#endif
