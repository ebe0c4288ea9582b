/*
 * report.c: the one place where errors are printed.
 *
 * Libraries and commands record errors (struct hs_error); the shell hands
 * them here with where the command came from. In a runbook an error reads
 * "FILE:LINE: message" ("FILE:LINE:COLUMN:" for the lexer's), in the REPL
 * and for -c just the message ("line L, column C: ..." for the lexer's);
 * -c then exits with the status.
 */
#include "hs-common.h"
#include "shell.h"

/* Print err for a command at file:line. */
void
hs_report(FILE *out, enum hs_report_mode mode, const char *file,
    unsigned line, const struct hs_error *err)
{
	unsigned l = err->line ? err->line : line;

	if (err->message == NULL)
		return;
	if (mode == HS_REPORT_BATCH && file != NULL && l == 0)
		fprintf(out, "%s: %s\n", file, err->message);
	else if (mode == HS_REPORT_BATCH && file != NULL && err->column)
		fprintf(out, "%s:%u:%u: %s\n", file, l, err->column,
		    err->message);
	else if (mode == HS_REPORT_BATCH && file != NULL)
		fprintf(out, "%s:%u: %s\n", file, l, err->message);
	else if (err->column)
		fprintf(out, "line %u, column %u: %s\n", l, err->column,
		    err->message);
	else
		fprintf(out, "%s\n", err->message);
	fflush(out);
}
