/*
 * creds-process.c: credentials from a profile's credential_process
 * (botocore's ProcessProvider).
 *
 * The command line is split as POSIX shlex.split() does (botocore's
 * compat_shell_split) and run directly, without a shell. Its stdout must
 * be JSON with "Version": 1, AccessKeyId and SecretAccessKey, optionally
 * SessionToken, Expiration (honoured: the chain runs the command again
 * 5 minutes before) and AccountId (else the profile's aws_account_id).
 * A non-zero exit is an error that quotes the command's stderr. stdin is
 * left to the command, so a process may prompt on the terminal; stdout is
 * wiped after parsing.
 */
#include "hs-common.h"
#include "creds-int.h"

#include <errno.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROCESS_OUTPUT_MAX (1 << 20)

/* Append one shlex word character. */
static void
word_add(struct hs_buf *w, bool *in_word, char ch)
{
	hs_buf_addch(w, ch);
	*in_word = true;
}

/* Read a double-quoted part; returns the index after the closing quote. */
static int
split_double(const char *s, size_t *i, struct hs_buf *w, bool *in_word)
{
	for ((*i)++; s[*i] != '\0' && s[*i] != '"'; (*i)++) {
		if (s[*i] == '\\' && s[*i + 1] != '\0' &&
		    strchr("\"\\$`\n", s[*i + 1]) != NULL)
			(*i)++;
		word_add(w, in_word, s[*i]);
	}
	*in_word = true;
	return s[*i] == '"' ? 0 : -1;
}

/* Finish a word into the argument vector. */
static void
word_end(struct hs_buf *w, bool *in_word, char ***argv, size_t *argc)
{
	if (!*in_word)
		return;
	*argv = hs_xreallocarray(*argv, *argc + 2, sizeof **argv);
	(*argv)[(*argc)++] = hs_buf_detach(w, NULL);
	(*argv)[*argc] = NULL;
	*in_word = false;
}

/* Split a command line as POSIX shlex.split(); NULL on an open quote. */
HS_STATIC char **
creds_process_split(const char *s, size_t *argc)
{
	struct hs_buf w = HS_BUF_INIT;
	char **argv = hs_xcalloc(1, sizeof *argv);
	bool in_word = false;
	size_t i;
	int bad = 0;

	*argc = 0;
	for (i = 0; !bad && s[i] != '\0'; i++) {
		char ch = s[i];

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			word_end(&w, &in_word, &argv, argc);
		} else if (ch == '\'') {
			const char *close = strchr(s + i + 1, '\'');

			if (close == NULL) {
				bad = -1;
				break;
			}
			hs_buf_add(&w, s + i + 1, (size_t)(close - s - i - 1));
			in_word = true;
			i = (size_t)(close - s);
		} else if (ch == '"') {
			bad = split_double(s, &i, &w, &in_word);
		} else if (ch == '\\' && s[i + 1] != '\0') {
			word_add(&w, &in_word, s[++i]);
		} else
			word_add(&w, &in_word, ch);
	}
	word_end(&w, &in_word, &argv, argc);
	hs_buf_release(&w);
	if (bad == 0 && *argc > 0)
		return argv;
	for (i = 0; i < *argc; i++)
		free(argv[i]);
	free(argv);
	return NULL;
}

/* Read what is ready on fd into b; false at end of file. */
static bool
drain(int fd, struct hs_buf *b)
{
	char chunk[4096];
	ssize_t n = read(fd, chunk, sizeof chunk);

	if (n < 0 && errno == EINTR)
		return true;
	if (n <= 0)
		return false;
	hs_buf_add(b, chunk, (size_t)n);
	hs_cleanse(chunk, (size_t)n);
	return true;
}

/* Collect stdout and stderr until both close. */
static void
collect(int out, int err, struct hs_buf *o, struct hs_buf *e)
{
	struct pollfd p[2] = { { out, POLLIN, 0 }, { err, POLLIN, 0 } };

	while (p[0].fd >= 0 || p[1].fd >= 0) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].revents && !drain(out, o))
			p[0].fd = -1;
		if (p[1].revents && !drain(err, e))
			p[1].fd = -1;
	}
}

/* Run argv; 0 with the exit status in *status, or -1 with *cause. */
static int
run(char **argv, struct hs_buf *out, struct hs_buf *err, int *status,
    char **cause)
{
	int po[2], pe[2];
	pid_t pid;

	if (pipe(po) < 0 || pipe(pe) < 0) {
		*cause = hs_xasprintf("cannot run '%s': %s", argv[0],
		    strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		dup2(po[1], 1);
		dup2(pe[1], 2);
		close(po[0]);
		close(po[1]);
		close(pe[0]);
		close(pe[1]);
		execvp(argv[0], argv);
		dprintf(2, "cannot run '%s': %s", argv[0], strerror(errno));
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	if (pid > 0)
		collect(po[0], pe[0], out, err);
	close(po[0]);
	close(pe[0]);
	if (pid < 0 || waitpid(pid, status, 0) < 0) {
		*cause = hs_xasprintf("cannot run '%s': %s", argv[0],
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Check Version 1 and turn the JSON into credentials. */
static enum aws_creds_status
parse_output(struct creds_ctx *ctx, const char *profile,
    const struct hs_buf *out, struct aws_credentials **outc, char **cause)
{
	cJSON *o = creds_json_parse(out->buf, out->len);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "Version");
	enum aws_creds_status st = AWS_CREDS_ERROR;
	const char *acct;

	if (o == NULL)
		*cause = hs_xstrdup("credential_process did not print JSON");
	else if (!cJSON_IsNumber(v) || v->valuedouble != 1)
		*cause = hs_xasprintf("credential_process printed an "
		    "unsupported Version '%s': the supported version is 1",
		    cJSON_IsNumber(v) ? "not 1" : "<missing>");
	else
		st = creds_from_json(o, "AccessKeyId", "SecretAccessKey",
		    "SessionToken", "Expiration", "custom-process", outc, cause);
	acct = creds_profile_value(ctx, profile, "aws_account_id");
	if (st == AWS_CREDS_FOUND && (*outc)->account_id == NULL && acct)
		(*outc)->account_id = hs_xstrdup(acct);
	creds_json_free(o);
	return st;
}

/* Trim an error message for quoting. */
static const char *
trimmed(struct hs_buf *b)
{
	hs_buf_trim(b);
	if (b->len > 2000)
		hs_buf_truncate(b, 2000);
	return b->len ? b->buf : "(no message)";
}

/* Load credentials from the profile's credential_process. */
enum aws_creds_status
creds_process_load(struct creds_ctx *ctx, const char *profile, time_t now,
    struct aws_credentials **out, struct hs_buf *looked, char **cause)
{
	const char *cmd = creds_profile_value(ctx, profile, "credential_process");
	struct hs_buf o = HS_BUF_INIT_CAP(PROCESS_OUTPUT_MAX);
	struct hs_buf e = HS_BUF_INIT_CAP(PROCESS_OUTPUT_MAX);
	enum aws_creds_status st = AWS_CREDS_ERROR;
	char **argv;
	size_t argc, i;
	int status = 0;

	if (cmd == NULL) {
		creds_looked(looked, "credential_process (not set in profile "
		    "'%s')", profile);
		return AWS_CREDS_NOT_FOUND;
	}
	argv = creds_process_split(cmd, &argc);
	if (argv == NULL) {
		*cause = hs_xasprintf("cannot parse credential_process '%s' of "
		    "profile '%s': unbalanced quotes", cmd, profile);
		return AWS_CREDS_ERROR;
	}
	if (run(argv, &o, &e, &status, cause) < 0)
		goto cleanup;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		*cause = hs_xasprintf("credential_process '%s' failed (%s %d): "
		    "%s", cmd, WIFEXITED(status) ? "exit status" : "signal",
		    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
		    trimmed(&e));
	else
		st = parse_output(ctx, profile, &o, out, cause);
cleanup:
	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
	hs_buf_cleanse(&o);
	hs_buf_cleanse(&e);
	return st;
}
