/*
 * prompt.c: the REPL's prompts, "hipaa-shell [PROFILE@REGION]> " (in a
 * --sandbox session "hipaa-shell [sandbox default@REGION]> ") and a
 * continuation prompt of the same width. The region may come from the
 * profile in the AWS config files (hs_resolve); when the profile cannot
 * be read, the prompt shows no region and the next command says why.
 */
#include "hs-common.h"
#include "shell.h"

/* "hipaa-shell [PROFILE@REGION]> ", region "-" when none. */
char *
hs_prompt(const struct hs_session *s)
{
	struct hs_resolved r;
	char *p;

	hs_resolve(&s->settings, &r);
	p = hs_xasprintf("hipaa-shell [%s%s@%s]> ", s->settings.sandbox ?
	    "sandbox " : "", r.profile, r.region ? r.region : "-");
	hs_resolved_clear(&r);
	return p;
}

/* "...        > ", as wide as the prompt. */
char *
hs_prompt_continuation(const struct hs_session *s)
{
	char *p = hs_prompt(s);
	size_t n = strlen(p), i;

	for (i = 0; i + 2 < n; i++)
		p[i] = i < 3 ? '.' : ' ';
	return p;
}
