/*
 * error.c: struct hs_error, a failure's exit status, code and message.
 *
 * Commands and the lexer record errors here; only the reporter in shell/
 * prints them.
 */
#include "hs-common.h"
#include "commands.h"

/* Record an error, replacing any earlier one; returns status. */
int
hs_error_vset(struct hs_error *e, int status, const char *code,
    const char *fmt, va_list ap)
{
	hs_error_clear(e);
	e->status = status;
	e->code = code ? hs_xstrdup(code) : NULL;
	e->message = fmt ? hs_xvasprintf(fmt, ap) : NULL;
	return status;
}

/* Record an error, replacing any earlier one; returns status. */
int
hs_error_set(struct hs_error *e, int status, const char *code,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hs_error_vset(e, status, code, fmt, ap);
	va_end(ap);
	return status;
}

/* Move src into dst; src is left empty. */
void
hs_error_move(struct hs_error *dst, struct hs_error *src)
{
	hs_error_clear(dst);
	*dst = *src;
	memset(src, 0, sizeof *src);
}

/* Free the error's strings and reset it to "no error". */
void
hs_error_clear(struct hs_error *e)
{
	free(e->code);
	free(e->message);
	memset(e, 0, sizeof *e);
}

/* Record why the command failed; returns status. */
int
hs_ctx_fail(struct hs_ctx *ctx, int status, const char *code,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hs_error_vset(&ctx->error, status, code, fmt, ap);
	va_end(ap);
	return status;
}

/* Print a warning to the command's error stream. */
void
hs_ctx_warn(struct hs_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fputs("warning: ", ctx->err);
	va_start(ap, fmt);
	vfprintf(ctx->err, fmt, ap);
	va_end(ap);
	fputc('\n', ctx->err);
	fflush(ctx->err);
}
