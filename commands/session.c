/*
 * session.c: the shell's state, and the accessors of parsed arguments.
 */
#include "hs-common.h"
#include "commands.h"

/* Start a session with the one command table and the standard streams. */
void
hs_session_init(struct hs_session *s)
{
	memset(s, 0, sizeof *s);
	hs_settings_init(&s->settings);
	s->table = &hs_cmd_table;
	s->out = stdout;
	s->err = stderr;
	s->exit_status = -1;
}

/* Free everything the session holds (variable values are wiped). */
void
hs_session_clear(struct hs_session *s)
{
	hs_settings_clear(&s->settings);
	hs_vars_clear(&s->vars);
	hs_strlist_clear(&s->history);
	s->history_start = 0;
}

/* The value of the last use of option name, or NULL. */
const char *
hs_args_value(const struct hs_args *a, const char *name)
{
	size_t i;

	for (i = a->nopts; i > 0; i--)
		if (strcmp(a->opts[i - 1].opt->name, name) == 0)
			return a->opts[i - 1].value;
	return NULL;
}

/* Tell whether option name was given. */
bool
hs_args_has(const struct hs_args *a, const char *name)
{
	size_t i;

	for (i = 0; i < a->nopts; i++)
		if (strcmp(a->opts[i].opt->name, name) == 0)
			return true;
	return false;
}
