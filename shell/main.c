/*
 * main.c: hipaa-shell's entry point: read its own command line and pick
 * the mode.
 *
 *   hipaa-shell [OPTIONS]                  the REPL (standard input is a
 *                                          terminal), else a runbook from
 *                                          standard input
 *   hipaa-shell [OPTIONS] -c "CMD"         one command line (the lexer's
 *                                          rules, so quotes work)
 *   hipaa-shell [OPTIONS] --batch FILE|-   a runbook
 *   hipaa-shell [OPTIONS] WORD...          one command, words as given
 *
 * The global options (--profile, --region...) set the session's defaults;
 * they come from the same table the shell reads per command. Options stop
 * at the first word that is not one (as with the aws CLI, later options
 * belong to that command).
 */
#include "hs-common.h"
#include "shell.h"
#include "operation.h"

#include <unistd.h>

/* What the command line asked for besides settings. */
struct startup {
	const char *batch;	/* --batch FILE */
	const char *command;	/* -c CMD */
	char **words;		/* a command given as words */
	size_t nwords;
	unsigned run_flags;	/* --echo, --keep-going */
	bool help;
	bool version;
};

/* Report a command-line error; HS_EXIT_USAGE. */
static int
startup_error(struct hs_session *s, char *msg)
{
	struct hs_error err = HS_ERROR_INIT;

	hs_error_set(&err, HS_EXIT_USAGE, HS_ERR_USAGE, "hipaa-shell: %s\n"
	    "Try 'hipaa-shell --help'.", msg);
	hs_report(s->err, HS_REPORT_COMMAND, NULL, 0, &err);
	hs_error_clear(&err);
	free(msg);
	return HS_EXIT_USAGE;
}

/* Apply one start-up option; 0 or a status. */
static int
apply_startup(struct hs_session *s, struct startup *st,
    const struct hs_option *opt, const char *value)
{
	char *cause = NULL;

	switch (opt->id) {
	case HS_OPT_BATCH: st->batch = value; break;
	case HS_OPT_COMMAND: st->command = value; break;
	case HS_OPT_ECHO: st->run_flags |= HS_RUN_ECHO; break;
	case HS_OPT_KEEP_GOING: st->run_flags |= HS_RUN_KEEP_GOING; break;
	case HS_OPT_HELP: st->help = true; break;
	case HS_OPT_VERSION: st->version = true; break;
	case HS_OPT_VAR:
		if (hs_vars_assign(&s->vars, value, &cause) < 0) {
			char *msg = hs_xasprintf("invalid value for --var: %s",
			    cause);

			free(cause);
			return startup_error(s, msg);
		}
		break;
	default:
		if (hs_settings_apply(&s->settings, opt, value) != HS_OPT_OK)
			return startup_error(s, hs_option_message(
			    HS_OPT_BAD_VALUE, opt, opt->name, value));
		break;
	}
	free(cause);
	return 0;
}

/* Check that the modes asked for go together. */
static int
check_modes(struct hs_session *s, const struct startup *st)
{
	int modes = (st->batch != NULL) + (st->command != NULL) +
	    (st->nwords > 0);

	if (modes > 1)
		return startup_error(s, hs_xstrdup("give only one of --batch, "
		    "-c and a command"));
	if (st->run_flags && st->nwords > 0)
		return startup_error(s, hs_xstrdup("--echo and --keep-going "
		    "apply to --batch and -c only"));
	return 0;
}

/* Read hipaa-shell's own command line. */
static int
parse_args(struct hs_session *s, int argc, char **argv, struct startup *st)
{
	size_t n = (size_t)argc, i = 1;

	while (i < n && argv[i][0] == '-' && strcmp(argv[i], "-") != 0) {
		const struct hs_option *opt;
		const char *value;
		size_t here = i;
		enum hs_opt_error e = hs_option_next(argv, n, &i,
		    HS_OPTION_STARTUP, &opt, &value);
		int rc;

		if (e != HS_OPT_OK)
			return startup_error(s, hs_option_message(e, opt,
			    argv[here], value));
		if ((rc = apply_startup(s, st, opt, value)) != 0)
			return rc;
	}
	st->words = argv + i;
	st->nwords = n - i;
	return check_modes(s, st);
}

/* Print the usage and the options, from the options table. */
static void
print_help(FILE *out)
{
	size_t i;

	fputs("usage: hipaa-shell [OPTIONS]                  the shell (a "
	    "runbook when standard input is not a terminal)\n"
	    "       hipaa-shell [OPTIONS] -c \"COMMAND\"\n"
	    "       hipaa-shell [OPTIONS] --batch FILE     ('-': standard "
	    "input)\n"
	    "       hipaa-shell [OPTIONS] SERVICE OPERATION [ARGS...]\n\n"
	    "Options:\n", out);
	for (i = 0; i < hs_options_count; i++) {
		const struct hs_option *o = &hs_options[i];
		char sh[8] = "", *full;

		if (o->short_name != 0)
			snprintf(sh, sizeof sh, "-%c, ", o->short_name);
		full = hs_xasprintf("%s%s%s%s", sh, o->name,
		    o->value_name ? " " : "", o->value_name ? o->value_name : "");
		fprintf(out, "  %-30s %s\n", full, o->help);
		free(full);
	}
	fputs("\nInside the shell, .help lists the commands.\n"
	    "Exit status: 0 success; 1 an s3 transfer failed; 2 s3 files "
	    "skipped;\n3 refused by a guardrail; 130 interrupted (Ctrl-C); "
	    "252 invalid command,\nparameter or value; 253 invalid "
	    "environment or configuration;\n254 the service returned an "
	    "error; 255 any other failure. See hipaa-shell(1).\n", out);
}

/* Run the mode the command line asked for. */
static int
run_mode(struct hs_session *s, const struct startup *st)
{
	struct hs_batch b = { NULL, HS_REPORT_BATCH, st->run_flags };
	struct hs_error err = HS_ERROR_INIT;
	int status;

	s->run_flags = st->run_flags;
	if (st->command != NULL) {
		b.name = "-c";
		b.mode = HS_REPORT_COMMAND;
		return hs_batch_run(s, &b, st->command, strlen(st->command));
	}
	if (st->batch != NULL) {
		b.name = strcmp(st->batch, "-") == 0 ? "<stdin>" : st->batch;
		return hs_batch_run_file(s, &b, st->batch);
	}
	if (st->nwords > 0) {
		status = hs_dispatch(s, st->words, st->nwords, NULL, 0, &err);
		hs_report(s->err, HS_REPORT_COMMAND, NULL, 0, &err);
		hs_error_clear(&err);
		return s->exit_requested && s->exit_status >= 0 ?
		    s->exit_status : status;
	}
	if (isatty(STDIN_FILENO)) {
		if (st->run_flags != 0)
			return startup_error(s, hs_xstrdup("--echo and "
			    "--keep-going apply to --batch and -c only"));
		return hs_repl_run(s);
	}
	b.name = "<stdin>";
	return hs_batch_run_file(s, &b, "-");
}

int
main(int argc, char **argv)
{
	struct hs_session s;
	struct startup st;
	int status;

	hs_session_init(&s);
	memset(&st, 0, sizeof st);
	hs_operation_register();
	s.source = hs_batch_source;
	status = parse_args(&s, argc, argv, &st);
	if (status == 0 && st.help)
		print_help(s.out);
	else if (status == 0 && st.version)
		printf("hipaa-shell %s\n", PACKAGE_VERSION);
	else if (status == 0) {
		hs_interrupt_install();
		status = run_mode(&s, &st);
	}
	hs_session_clear(&s);
	hs_operation_shutdown();
	fflush(stdout);
	return status;
}
