/*
 * lexer-int.h: the lexer's scanning state, shared by lexer.c (lines
 * around a command), lexer-scan.c (words, quotes, continuation) and
 * lexer-expand.c ($NAME).
 */
#ifndef HS_LEXER_INT_H
#define HS_LEXER_INT_H

#include "shell.h"

enum step {
	STEP_OK,	/* go on scanning */
	STEP_DONE,	/* the command ended: lex->status says how */
};

struct lex {
	const char *t;
	size_t len;
	size_t pos;
	unsigned line;		/* line of t[pos] */
	size_t line_start;	/* offset where that line starts */
	const struct hs_lex_opts *o;
	struct hs_lexed *out;
	struct hs_buf word;
	bool in_word;		/* the current word exists (even if empty) */
	bool failed;		/* an error was recorded: scan on, expand no more */
	size_t cmd_start;
	size_t expect_pos;	/* where the pending expect-error comment is */
	size_t expect_line_start;
	enum hs_lex_status status;
};

/* lexer.c */
unsigned lex_column(const struct lex *lx, size_t p, size_t line_start);
/* Record the first error of the command at line, offset p. */
HS_PRINTF(6, 7) void lex_error(struct lex *lx, unsigned line, size_t p,
    size_t line_start, const char *code, const char *fmt, ...);
void lex_add_char(struct lex *lx, char c);
void lex_next_line(struct lex *lx);
void lex_end_word(struct lex *lx);
enum step lex_finish(struct lex *lx, size_t end, size_t consumed);
enum step lex_need_more(struct lex *lx);
enum step lex_directive(struct lex *lx, size_t p);
enum step lex_no_command(struct lex *lx);

/* lexer-scan.c */
void lex_scan_words(struct lex *lx);
void lex_scan_host(struct lex *lx);

/* lexer-expand.c */
/* Expand the '$' at lx->pos into the current word. */
enum step lex_expand(struct lex *lx);

#endif
