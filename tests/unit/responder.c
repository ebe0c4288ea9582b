/*
 * responder.c: start and stop tests/fake-responder.py for CUnit tests.
 */
#include "hs-common.h"
#include "harness.h"
#include "responder.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef HS_SRCDIR
#define HS_SRCDIR "."
#endif

/* The path of a file under the source tree's tests/ folder. */
char *
responder_test_file(const char *name)
{
	const char *top = getenv("top_srcdir");

	return hs_xasprintf("%s/tests/%s", top && *top ? top : HS_SRCDIR,
	    name);
}

static char *python;	/* the interpreter itself, not a pyenv shim */

/* Find python3's real executable once (a shim costs seconds a start). */
static const char *
python_path(void)
{
	char line[4096] = "";
	FILE *p;

	if (python != NULL)
		return *python ? python : NULL;
	p = popen("python3 -c 'import json, ssl, sys; "
	    "print(sys.executable)' 2>/dev/null", "r");
	if (p != NULL) {
		if (fgets(line, sizeof line, p) == NULL)
			line[0] = '\0';
		pclose(p);
	}
	line[strcspn(line, "\n")] = '\0';
	python = hs_xstrdup(line);
	return *python ? python : NULL;
}

/* Tell whether python3 can run the responder. */
bool
responder_available(void)
{
	return python_path() != NULL;
}

/* Write text to a new file in the test's folder; returns its path. */
static char *
write_tmp(const char *name, const char *text)
{
	char *path = hs_xasprintf("%s/%s", hs_unit_tmpdir(), name);
	FILE *f = fopen(path, "w");

	if (f == NULL)
		BUG("cannot write '%s'", path);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Read the "listening on URL" line within 20 seconds. */
static int
read_banner(int fd, struct responder *r)
{
	char buf[256];
	size_t len = 0;
	struct pollfd p = { fd, POLLIN, 0 };
	const char *colon;

	while (len < sizeof buf - 1 && poll(&p, 1, 20000) > 0) {
		ssize_t n = read(fd, buf + len, 1);

		if (n <= 0)
			break;
		if (buf[len] == '\n')
			break;
		len++;
	}
	buf[len] = '\0';
	if (!hs_starts_with(buf, "listening on "))
		return -1;
	r->url = hs_xstrdup(buf + strlen("listening on "));
	colon = strrchr(r->url, ':');
	r->port = colon ? atoi(colon + 1) : 0;
	return r->port > 0 ? 0 : -1;
}

/* Start the responder. */
bool
responder_start(struct responder *r, const char *script, const char *aws,
    const char *tls_cert, const char *tls_key)
{
	char *prog = responder_test_file("fake-responder.py");
	char *conf = NULL;
	char *argv[12];
	int out[2], i = 0;

	memset(r, 0, sizeof *r);
	if (!responder_available()) {
		hs_unit_skip("python3 is not installed: no fake responder");
		free(prog);
		return false;
	}
	r->log_path = hs_xasprintf("%s/requests.log", hs_unit_tmpdir());
	unlink(r->log_path);
	argv[i++] = "python3";
	argv[i++] = prog;
	argv[i++] = "--log";
	argv[i++] = r->log_path;
	if (script != NULL) {
		conf = write_tmp("script.json", script);
		argv[i++] = "--script";
		argv[i++] = conf;
	} else if (aws != NULL) {
		conf = write_tmp("aws.json", aws);
		argv[i++] = "--aws";
		argv[i++] = conf;
	}
	if (tls_cert != NULL) {
		argv[i++] = "--tls";
		argv[i++] = (char *)tls_cert;
		argv[i++] = (char *)tls_key;
	}
	argv[i] = NULL;
	if (pipe(out) < 0)
		BUG("pipe: %s", strerror(errno));
	r->pid = fork();
	if (r->pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);	/* no orphan if we crash */
		dup2(out[1], 1);
		close(out[0]);
		close(out[1]);
		execv(python_path(), argv);
		_exit(127);
	}
	close(out[1]);
	if (read_banner(out[0], r) < 0)
		BUG("the fake responder did not start");
	close(out[0]);
	free(prog);
	free(conf);
	return true;
}

/* Stop the responder and free what it held. */
void
responder_stop(struct responder *r)
{
	if (r->pid > 0) {
		kill(r->pid, SIGTERM);
		waitpid(r->pid, NULL, 0);
	}
	free(r->url);
	free(r->log_path);
	memset(r, 0, sizeof *r);
}

/* The requests received so far, in order. */
cJSON *
responder_requests(const struct responder *r)
{
	cJSON *list = cJSON_CreateArray();
	FILE *f = fopen(r->log_path, "r");
	char *line = NULL;
	size_t cap = 0;

	if (f == NULL)
		return list;
	while (getline(&line, &cap, f) > 0) {
		cJSON *o = cJSON_Parse(line);

		if (o != NULL)
			cJSON_AddItemToArray(list, o);
	}
	free(line);
	fclose(f);
	return list;
}
