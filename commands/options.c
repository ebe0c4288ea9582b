/*
 * options.c: the global options, one table sorted by name.
 *
 * The same table serves hipaa-shell's own command line (scope
 * HS_OPTION_STARTUP) and the global options on a command inside the shell
 * (HS_OPTION_PER_COMMAND), which override the session for that command
 * only. Names are looked up with bsearch, so the table must stay sorted
 * (tests/unit/test-dispatch.c checks it). hs_option_next() reads one
 * option and reports failures as an enum; callers pick the message, most
 * through hs_option_message().
 */
#include "hs-common.h"
#include "commands.h"

#include <ctype.h>

#define BOTH (HS_OPTION_STARTUP | HS_OPTION_PER_COMMAND)
#define VAL HS_OPTION_VALUE

const struct hs_option hs_options[] = {
	{ "--batch", 0, HS_OPT_BATCH, HS_OPTION_STARTUP | VAL, "FILE",
	  "run the runbook FILE ('-': standard input)" },
	{ "--ca-bundle", 0, HS_OPT_CA_BUNDLE, BOTH | VAL, "FILE",
	  "verify TLS peers with the certificates in FILE" },
	{ "--cli-connect-timeout", 0, HS_OPT_CONNECT_TIMEOUT, BOTH | VAL,
	  "SECONDS", "connect timeout (0: wait forever; default 60)" },
	{ "--cli-read-timeout", 0, HS_OPT_READ_TIMEOUT, BOTH | VAL, "SECONDS",
	  "read timeout (0: wait forever; default 60)" },
	{ "--command", 'c', HS_OPT_COMMAND, HS_OPTION_STARTUP | VAL, "CMD",
	  "run CMD and exit with its status" },
	{ "--debug", 0, HS_OPT_DEBUG, BOTH, NULL,
	  "log each request and response (secrets redacted)" },
	{ "--dry-run", 0, HS_OPT_DRY_RUN, BOTH, NULL,
	  "print the signed requests instead of sending them" },
	{ "--echo", 0, HS_OPT_ECHO, HS_OPTION_STARTUP, NULL,
	  "print each runbook command before it runs" },
	{ "--endpoint-url", 0, HS_OPT_ENDPOINT_URL, BOTH | VAL, "URL",
	  "send requests to URL instead of the service's endpoint" },
	{ "--help", 'h', HS_OPT_HELP, HS_OPTION_STARTUP, NULL,
	  "print this help and exit" },
	{ "--keep-going", 0, HS_OPT_KEEP_GOING, HS_OPTION_STARTUP, NULL,
	  "run the whole runbook; exit with the first failure's status" },
	{ "--no-paginate", 0, HS_OPT_NO_PAGINATE, BOTH, NULL,
	  "return the first page of results only" },
	{ "--no-verify-ssl", 0, HS_OPT_NO_VERIFY_SSL, BOTH, NULL,
	  "do not verify TLS certificates (unsafe)" },
	{ "--output", 0, HS_OPT_OUTPUT, BOTH | VAL, "FORMAT",
	  "json, text, table, yaml or yaml-stream" },
	{ "--profile", 0, HS_OPT_PROFILE, BOTH | VAL, "NAME",
	  "use the profile NAME of the AWS config files" },
	{ "--query", 0, HS_OPT_QUERY, BOTH | VAL, "JMESPATH",
	  "filter the output with a JMESPath expression" },
	{ "--region", 0, HS_OPT_REGION, BOTH | VAL, "REGION",
	  "send requests to REGION" },
	{ "--sandbox", 0, HS_OPT_SANDBOX, HS_OPTION_STARTUP, NULL,
	  "start a sandbox of its own and send every request there" },
	{ "--sandbox-data", 0, HS_OPT_SANDBOX_DATA, HS_OPTION_STARTUP | VAL,
	  "DIR", "keep the sandbox's data in DIR (with --sandbox)" },
	{ "--var", 0, HS_OPT_VAR, HS_OPTION_STARTUP | VAL, "NAME=VALUE",
	  "set the shell variable NAME" },
	{ "--version", 0, HS_OPT_VERSION, HS_OPTION_STARTUP, NULL,
	  "print the version and exit" },
};

const size_t hs_options_count = HS_ARRAY_SIZE(hs_options);

static int
option_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct hs_option *)elem)->name);
}

/* Find a global option by its long name, with bsearch. */
const struct hs_option *
hs_option_find(const char *name)
{
	return bsearch(name, hs_options, hs_options_count, sizeof hs_options[0],
	    option_cmp);
}

/* Find a global option by its short letter. */
const struct hs_option *
hs_option_find_short(char letter)
{
	size_t i;

	for (i = 0; i < hs_options_count; i++)
		if (letter != 0 && hs_options[i].short_name == letter)
			return &hs_options[i];
	return NULL;
}

/* Tell whether a word reads as an option rather than a value: argparse
 * takes "-5" as a value, "--x" and "-x" as options. */
static bool
looks_like_option(const char *w)
{
	return w[0] == '-' && w[1] != '\0' && !isdigit((unsigned char)w[1]);
}

/* Find the option a word names: "--name", "--name=value", "-c". */
static const struct hs_option *
option_of_word(const char *w, unsigned scope, const char **eq)
{
	char name[64];
	size_t len;

	*eq = NULL;
	if (w[0] == '-' && w[1] != '-' && w[1] != '\0' && w[2] == '\0')
		return (scope & HS_OPTION_STARTUP) ?
		    hs_option_find_short(w[1]) : NULL;
	if (!hs_starts_with(w, "--"))
		return NULL;
	*eq = strchr(w, '=');
	len = *eq ? (size_t)(*eq - w) : strlen(w);
	if (len >= sizeof name)
		return NULL;
	memcpy(name, w, len);
	name[len] = '\0';
	return hs_option_find(name);
}

/* Read the global option at words[*i] (and its value) for scope. */
enum hs_opt_error
hs_option_next(char *const *words, size_t n, size_t *i, unsigned scope,
    const struct hs_option **opt, const char **value)
{
	const char *eq;

	*value = NULL;
	*opt = option_of_word(words[*i], scope, &eq);
	if (*opt == NULL)
		return HS_OPT_NOT_GLOBAL;
	if (!((*opt)->flags & scope))
		return HS_OPT_WRONG_PLACE;
	if (!((*opt)->flags & HS_OPTION_VALUE)) {
		if (eq != NULL)
			return HS_OPT_UNEXPECTED_VALUE;
		(*i)++;
		return HS_OPT_OK;
	}
	if (eq != NULL) {
		*value = eq + 1;
		(*i)++;
		return HS_OPT_OK;
	}
	/* A short option takes the next word whatever it is (POSIX getopt);
	 * a long one, like argparse, not a word that reads as an option. */
	if (*i + 1 >= n || (words[*i][1] == '-' &&
	    looks_like_option(words[*i + 1])))
		return HS_OPT_MISSING_VALUE;
	*value = words[*i + 1];
	*i += 2;
	return HS_OPT_OK;
}

/* Tell whether value is a valid --output format (the AWS CLI v2 set). */
bool
hs_output_valid(const char *value)
{
	static const char *const formats[] = { "json", "text", "table",
	    "yaml", "yaml-stream" };
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(formats); i++)
		if (strcmp(value, formats[i]) == 0)
			return true;
	return false;
}

/* The message for a bad value, naming what would be valid. */
static char *
bad_value_message(const struct hs_option *opt, const char *value)
{
	const char *hint;

	switch (opt->id) {
	case HS_OPT_OUTPUT:
		hint = "valid choices are json, text, table, yaml, yaml-stream";
		break;
	case HS_OPT_REGION:
		hint = "use a region name such as us-east-1";
		break;
	case HS_OPT_CONNECT_TIMEOUT:
	case HS_OPT_READ_TIMEOUT:
		hint = "use a whole number of seconds, 0 or more";
		break;
	case HS_OPT_ENDPOINT_URL:
		hint = "use http://HOST[:PORT][/PATH] or https://HOST[:PORT][/PATH]";
		break;
	case HS_OPT_VAR:
		hint = "use NAME=VALUE, NAME made of letters, digits and '_'";
		break;
	default:
		hint = "the value must not be empty";
		break;
	}
	return hs_xasprintf("invalid value '%s' for %s: %s", value, opt->name,
	    hint);
}

/* The message for an option error. */
char *
hs_option_message(enum hs_opt_error err, const struct hs_option *opt,
    const char *word, const char *value)
{
	switch (err) {
	case HS_OPT_OK:
		BUG("no message for HS_OPT_OK");
	case HS_OPT_NOT_GLOBAL:
		return hs_xasprintf("unknown option '%s'", word);
	case HS_OPT_MISSING_VALUE:
		return hs_xasprintf("option '%s' needs a value: %s %s",
		    opt->name, opt->name, opt->value_name);
	case HS_OPT_UNEXPECTED_VALUE:
		return hs_xasprintf("option '%s' takes no value", opt->name);
	case HS_OPT_BAD_VALUE:
		return bad_value_message(opt, value ? value : "");
	case HS_OPT_WRONG_PLACE:
		if (opt->id == HS_OPT_VAR)
			return hs_xasprintf("option '%s' is only valid on "
			    "hipaa-shell's command line; use .set NAME=VALUE",
			    opt->name);
		return hs_xasprintf("option '%s' is only valid on "
		    "hipaa-shell's command line", opt->name);
	case HS_OPT_SANDBOX_REFUSED:
		return hs_xasprintf("option '%s' cannot be used in a --sandbox "
		    "session: every request goes to the session's sandbox, "
		    "with its credentials", opt->name);
	}
	BUG("unknown option error %d", (int)err);
}
