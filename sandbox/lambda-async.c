/*
 * lambda-async.c: asynchronous invocations (InvocationType Event and the
 * S3 event notifications): a queue and one worker thread that runs them
 * in order, each with the function's configuration as it is when its
 * turn comes. When the sandbox stops, the running invocation is cut
 * short (its child killed) and queued ones are dropped; they are not
 * kept across restarts, and a failed invocation is not retried (Lambda
 * retries twice).
 */
#include "hs-common.h"
#include "lambda.h"

struct async_job {
	char *name;
	char *version;
	char *payload;
	size_t len;
	struct async_job *next;
};

struct sbx_lambda_async {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct async_job *head;
	struct async_job *tail;
	volatile bool stopping;
	bool started;
	pthread_t thread;
};

/* A global for runs of sandboxes that never started the worker. */
static const volatile bool async_never = false;

/* The flag that tells runs to stop. */
const volatile bool *
sbx_lambda_cancel_flag(struct sandbox *sb)
{
	return sb->lambda_async ? &sb->lambda_async->stopping : &async_never;
}

static void
async_job_free(struct async_job *j)
{
	free(j->name);
	free(j->version);
	free(j->payload);
	free(j);
}

/* Run one job. */
static void
async_run(struct sandbox *sb, struct async_job *j)
{
	struct sbx_lambda_fn f = { 0 };
	struct sbx_lambda_invoke inv = { 0 };
	char *cause = NULL;

	if (sbx_lambda_fn_get(sb->store, j->name, j->version, &f, &cause) == 0) {
		inv.fn = &f;
		inv.payload = j->payload;
		inv.payload_len = j->len;
		(void)sbx_lambda_invoke(sb, &inv, &cause);
		sbx_lambda_invoke_clear(&inv);
	}
	free(cause);
	sbx_lambda_fn_clear(&f);
}

/* The worker: take jobs until the sandbox stops. */
static void *
async_worker(void *arg)
{
	struct sandbox *sb = arg;
	struct sbx_lambda_async *a = sb->lambda_async;
	struct async_job *j;

	pthread_mutex_lock(&a->lock);
	while (!a->stopping) {
		if (a->head == NULL) {
			pthread_cond_wait(&a->cond, &a->lock);
			continue;
		}
		j = a->head;
		a->head = j->next;
		if (a->head == NULL)
			a->tail = NULL;
		pthread_mutex_unlock(&a->lock);
		async_run(sb, j);
		async_job_free(j);
		pthread_mutex_lock(&a->lock);
	}
	pthread_mutex_unlock(&a->lock);
	return NULL;
}

/* Start the worker. */
int
sbx_lambda_async_start(struct sandbox *sb, char **cause)
{
	struct sbx_lambda_async *a = hs_xcalloc(1, sizeof *a);
	int err;

	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->cond, NULL);
	sb->lambda_async = a;
	err = pthread_create(&a->thread, NULL, async_worker, sb);
	if (err != 0) {
		*cause = hs_xasprintf("cannot start Lambda's worker thread: %s",
		    strerror(err));
		return -1;
	}
	a->started = true;
	return 0;
}

/* Cut running invocations short, drop queued ones, join the worker. */
void
sbx_lambda_async_stop(struct sandbox *sb)
{
	struct sbx_lambda_async *a = sb->lambda_async;
	struct async_job *j;

	if (a == NULL)
		return;
	pthread_mutex_lock(&a->lock);
	/* runs read it without the lock (lambda-run.c) */
	__atomic_store_n(&a->stopping, true, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&a->cond);
	pthread_mutex_unlock(&a->lock);
	if (a->started)
		pthread_join(a->thread, NULL);
	a->started = false;
	pthread_mutex_lock(&a->lock);
	while ((j = a->head) != NULL) {
		a->head = j->next;
		async_job_free(j);
	}
	a->tail = NULL;
	pthread_mutex_unlock(&a->lock);
}

/* Free the queue once no request can look at its flag any more. */
void
sbx_lambda_async_free(struct sandbox *sb)
{
	struct sbx_lambda_async *a = sb->lambda_async;

	if (a == NULL)
		return;
	sbx_lambda_async_stop(sb);
	pthread_cond_destroy(&a->cond);
	pthread_mutex_destroy(&a->lock);
	free(a);
	sb->lambda_async = NULL;
}

/* Queue an invocation; -1 when the sandbox is stopping. */
int
sbx_lambda_async_submit(struct sandbox *sb, const char *name,
    const char *version, const char *payload, size_t len)
{
	struct sbx_lambda_async *a = sb->lambda_async;
	struct async_job *j;

	if (a == NULL)
		return -1;
	j = hs_xcalloc(1, sizeof *j);
	j->name = hs_xstrdup(name);
	j->version = hs_xstrdup(version);
	j->payload = hs_xmalloc(len + 1);
	memcpy(j->payload, payload, len);
	j->payload[len] = '\0';
	j->len = len;
	pthread_mutex_lock(&a->lock);
	if (a->stopping) {
		pthread_mutex_unlock(&a->lock);
		async_job_free(j);
		return -1;
	}
	if (a->tail != NULL)
		a->tail->next = j;
	else
		a->head = j;
	a->tail = j;
	pthread_cond_signal(&a->cond);
	pthread_mutex_unlock(&a->lock);
	return 0;
}
