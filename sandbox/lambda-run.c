/*
 * lambda-run.c: one run of a Lambda handler in a child process.
 *
 * The child is `PROGRAM SHIM` (node or python3 and the runtime shim) in
 * its own process group, in the function's unpacked code folder, with
 * exactly the environment it is given (nothing of the sandbox's own
 * environment leaks in: the credentials of the sandbox stay out). The
 * event goes to its standard input; its standard output and error are
 * the function's log lines, stamped as they arrive; file descriptor 3
 * carries the shim's JSON messages (ready, result, error). The run is
 * bounded: the handler gets the function's timeout after it is loaded
 * (loading gets 10 seconds more), then the whole process group is
 * killed, as Lambda does. Memory is not limited; the peak is measured.
 *
 * The caller's thread must not take SIGPIPE: writes to the child's input
 * block SIGPIPE in this thread and consume it.
 */
#include "hs-common.h"
#include "lambda.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#define RUN_INIT_US ((int64_t)10000000)
#define RUN_MAX_LOG ((size_t)16 << 20)
#define RUN_MAX_CONTROL ((size_t)16 << 20)

/* What a run keeps while it goes. */
struct run_state {
	const struct sbx_lambda_run_req *req;
	struct sbx_lambda_run_res *res;
	pid_t pid;
	int fd_in, fd_out, fd_ctl;
	size_t in_off;
	struct hs_buf out;	/* a partial log line */
	struct hs_buf ctl;	/* a partial control line */
	size_t log_bytes;
	int64_t start_us, ready_us, done_us;
	bool ready, done;
};

/* Microseconds on the monotonic clock (durations). */
static int64_t
run_mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Milliseconds on the wall clock (log lines). */

static int64_t
run_wall_ms(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

void
sbx_lambda_run_clear(struct sbx_lambda_run_res *r)
{
	size_t i;

	for (i = 0; i < r->n_lines; i++)
		free(r->lines[i].text);
	free(r->lines);
	free(r->payload);
	memset(r, 0, sizeof *r);
}

/* Find a program on the PATH; its path (caller frees), or NULL. */
static char *
run_which(const char *program)
{
	const char *path = getenv("PATH");
	char *copy, *save = NULL, *dir, *found = NULL;

	if (strchr(program, '/') != NULL)
		return access(program, X_OK) == 0 ? hs_xstrdup(program) : NULL;
	copy = hs_xstrdup(path ? path : "/usr/local/bin:/usr/bin:/bin");
	for (dir = strtok_r(copy, ":", &save); dir != NULL && found == NULL;
	    dir = strtok_r(NULL, ":", &save)) {
		char *p = hs_xasprintf("%s/%s", *dir ? dir : ".", program);
		if (access(p, X_OK) == 0)
			found = p;
		else
			free(p);
	}
	free(copy);
	return found;
}

/* In the child: wire the pipes and run the program; never returns. */
static void HS_NORETURN
run_child(const char *path, const struct sbx_lambda_run_req *req, int in,
    int out, int ctl)
{
	char *argv[4];

	argv[0] = (char *)req->program;
	argv[1] = (char *)req->shim;
	argv[2] = NULL;
	setpgid(0, 0);
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0 ||
	    dup2(ctl, 3) < 0 || chdir(req->task_dir) != 0)
		_exit(126);
	close_range(4, ~0u, 0);
	signal(SIGPIPE, SIG_DFL);
	execve(path, argv, req->env);
	_exit(127);
}

/* Make the pipes (parent ends close on exec, non-blocking). */
static int
run_pipes(int in[2], int out[2], int ctl[2], char **cause)
{
	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 ||
	    pipe2(ctl, O_CLOEXEC) != 0) {
		*cause = hs_xasprintf("cannot make pipes: %s", strerror(errno));
		return -1;
	}
	fcntl(in[1], F_SETFL, O_NONBLOCK);
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	fcntl(ctl[0], F_SETFL, O_NONBLOCK);
	return 0;
}

/* Keep one log line. */
static void
run_add_line(struct run_state *st, const char *text, size_t len)
{
	struct sbx_lambda_run_res *r = st->res;

	if (st->log_bytes + len > RUN_MAX_LOG)
		return;
	st->log_bytes += len;
	r->lines = hs_xreallocarray(r->lines, r->n_lines + 1, sizeof *r->lines);
	r->lines[r->n_lines].ts_ms = run_wall_ms();
	r->lines[r->n_lines++].text = hs_xstrndup(text, len);
}

/* Split complete lines off a buffer, handing each to fn. */
static void
run_lines(struct hs_buf *b, struct run_state *st,
    void (*fn)(struct run_state *, const char *, size_t))
{
	char *nl;
	size_t used = 0;

	while ((nl = memchr(b->buf + used, '\n', b->len - used)) != NULL) {
		fn(st, b->buf + used, (size_t)(nl - (b->buf + used)));
		used = (size_t)(nl - b->buf) + 1;
	}
	if (used > 0) {
		memmove(b->buf, b->buf + used, b->len - used);
		hs_buf_truncate(b, b->len - used);
	}
}

/* Act on one control message of the shim. */
static void
run_control(struct run_state *st, const char *text, size_t len)
{
	cJSON *m = cJSON_ParseWithLength(text, len);
	const char *type = cJSON_GetStringValue(cJSON_GetObjectItem(m, "type"));
	const char *body = cJSON_GetStringValue(cJSON_GetObjectItem(m, "body"));

	if (type != NULL && strcmp(type, "ready") == 0 && !st->ready) {
		st->ready = true;
		st->ready_us = run_mono_us();
		st->res->init_ms = (double)(st->ready_us - st->start_us) / 1000;
	} else if (type != NULL && body != NULL && !st->done &&
	    (strcmp(type, "result") == 0 || strcmp(type, "error") == 0)) {
		st->done = true;
		st->done_us = run_mono_us();
		st->res->outcome = strcmp(type, "result") == 0 ?
		    LAMBDA_RUN_OK : LAMBDA_RUN_ERROR;
		st->res->payload = hs_xstrdup(body);
	}
	cJSON_Delete(m);
}

/* Read what a pipe has; false at its end. */
static bool
run_read(int fd, struct hs_buf *b, size_t cap)
{
	char buf[8192];
	ssize_t n = read(fd, buf, sizeof buf);

	if (n > 0) {
		if (b->len < cap)
			(void)hs_buf_add(b, buf, (size_t)n);
		return true;
	}
	return n < 0 && (errno == EAGAIN || errno == EINTR);
}

/* Write more of the event to the child's input (SIGPIPE blocked). */
static void
run_write(struct run_state *st)
{
	sigset_t pipe_set, old;
	struct timespec zero = { 0, 0 };
	ssize_t n;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	n = write(st->fd_in, st->req->payload + st->in_off,
	    st->req->payload_len - st->in_off);
	if (n > 0)
		st->in_off += (size_t)n;
	if ((n < 0 && errno != EAGAIN && errno != EINTR) ||
	    st->in_off == st->req->payload_len) {
		if (n < 0 && errno == EPIPE)
			(void)sigtimedwait(&pipe_set, NULL, &zero);
		close(st->fd_in);
		st->fd_in = -1;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* The deadline of the run on the monotonic clock: the timeout after the
 * handler is loaded, 10 s more before; a second for the shim to exit
 * once it has answered. */
static int64_t
run_deadline(const struct run_state *st)
{
	int64_t t = (int64_t)st->req->timeout_s * 1000000;

	if (st->done)
		return st->done_us + 1000000;
	return st->ready ? st->ready_us + t : st->start_us + RUN_INIT_US + t;
}

/* Wait for the pipes (at most 200 ms, to look at the cancel flag);
 * false when the deadline has passed or the run is cancelled. */
static bool
run_poll(struct run_state *st, struct pollfd p[3])
{
	int64_t left = (run_deadline(st) - run_mono_us() + 999) / 1000;

	if (st->req->cancel != NULL &&
	    __atomic_load_n(st->req->cancel, __ATOMIC_ACQUIRE)) {
		st->res->cancelled = true;
		return false;
	}
	if (left <= 0)
		return false;
	(void)poll(p, 3, left > 200 ? 200 : (int)left);
	return true;
}

/* Poll the pipes until both outputs end or the deadline passes;
 * false on timeout. */
static bool
run_loop(struct run_state *st)
{
	while (st->fd_out >= 0 || st->fd_ctl >= 0) {
		struct pollfd p[3] = { { st->fd_out, POLLIN, 0 },
		    { st->fd_ctl, POLLIN, 0 }, { st->fd_in, POLLOUT, 0 } };

		if (!run_poll(st, p))
			return st->done;
		if (p[2].revents)
			run_write(st);
		if (p[0].revents && !run_read(st->fd_out, &st->out, RUN_MAX_LOG)) {
			close(st->fd_out);
			st->fd_out = -1;
		}
		run_lines(&st->out, st, run_add_line);
		if (p[1].revents && !run_read(st->fd_ctl, &st->ctl,
		    RUN_MAX_CONTROL)) {
			close(st->fd_ctl);
			st->fd_ctl = -1;
		}
		run_lines(&st->ctl, st, run_control);
	}
	return true;
}

/* Reap the child (after killing its group), keeping its peak memory. */
static void
run_reap(struct run_state *st)
{
	struct rusage ru;
	int status = 0;

	kill(-st->pid, SIGKILL);
	kill(st->pid, SIGKILL);
	while (wait4(st->pid, &status, 0, &ru) < 0 && errno == EINTR)
		;
	st->res->max_rss_mb = (ru.ru_maxrss + 1023) / 1024;
	if (WIFSIGNALED(status)) {
		st->res->signaled = true;
		st->res->exit_status = WTERMSIG(status);
	} else
		st->res->exit_status = WEXITSTATUS(status);
}

/* Settle the outcome and the durations once the loop is over. */
static void
run_finish(struct run_state *st, bool in_time)
{
	int64_t end = st->done ? st->done_us : run_mono_us();

	if (st->out.len > 0)
		run_add_line(st, st->out.buf, st->out.len);
	if (!in_time && !st->done && !st->res->cancelled)
		st->res->outcome = LAMBDA_RUN_TIMEOUT;
	else if (!st->done)
		st->res->outcome = LAMBDA_RUN_EXITED;
	st->res->duration_ms = (double)(end - (st->ready ? st->ready_us :
	    st->start_us)) / 1000;
	if (st->res->outcome == LAMBDA_RUN_TIMEOUT)
		st->res->duration_ms = (double)st->req->timeout_s * 1000;
}

/* Close what is still open. */
static void
run_close(struct run_state *st)
{
	if (st->fd_in >= 0)
		close(st->fd_in);
	if (st->fd_out >= 0)
		close(st->fd_out);
	if (st->fd_ctl >= 0)
		close(st->fd_ctl);
	hs_buf_release(&st->out);
	hs_buf_release(&st->ctl);
}

/* Run the handler. */
int
sbx_lambda_run(const struct sbx_lambda_run_req *req,
    struct sbx_lambda_run_res *res, char **cause)
{
	struct run_state st = { req, res, -1, -1, -1, -1, 0, HS_BUF_INIT,
	    HS_BUF_INIT, 0, 0, 0, 0, false, false };
	int in[2], out[2], ctl[2];
	char *path = run_which(req->program);
	bool in_time;

	memset(res, 0, sizeof *res);
	if (path == NULL) {
		res->outcome = LAMBDA_RUN_NO_RUNTIME;
		return 0;
	}
	if (run_pipes(in, out, ctl, cause) != 0) {
		free(path);
		return -1;
	}
	st.start_us = run_mono_us();
	st.pid = fork();
	if (st.pid == 0)
		run_child(path, req, in[0], out[1], ctl[1]);
	if (st.pid > 0)
		setpgid(st.pid, st.pid);
	free(path);
	close(in[0]);
	close(out[1]);
	close(ctl[1]);
	st.fd_in = in[1];
	st.fd_out = out[0];
	st.fd_ctl = ctl[0];
	if (st.pid < 0) {
		*cause = hs_xasprintf("cannot fork: %s", strerror(errno));
		run_close(&st);
		return -1;
	}
	in_time = run_loop(&st);
	run_reap(&st);
	run_finish(&st, in_time);
	run_close(&st);
	return 0;
}
