/*
 * pool.c: the threads that run request handlers.
 *
 * libmicrohttpd's threads only move bytes (server.c): once a request's
 * body is in, its connection is suspended and the handler runs here, so
 * a handler that takes long never holds up the other connections of a
 * libmicrohttpd thread, nor stops it from accepting new ones. Some
 * handlers wait for other requests to this very server: a synchronous
 * Lambda invocation runs the function, whose SDK calls come back through
 * AWS_ENDPOINT_URL. With a fixed number of threads, as many such
 * handlers as threads left nobody to serve the calls they waited for,
 * and the whole sandbox stood still until the functions timed out.
 *
 * So a job never waits for a thread: when every thread is busy a new one
 * starts. The number of jobs is bounded by the caller (one per
 * connection, and libmicrohttpd's connection limit bounds those); idle
 * threads beyond `keep` exit. A pool is closed until sbx_pool_open() (the
 * server opens it once its URL is known); sbx_pool_stop() refuses new
 * jobs, waits for those queued or running, and for every thread to
 * leave.
 */
#include "hs-common.h"
#include "sbx.h"

#include <errno.h>

/* A handler waiting for a thread. */
struct pool_job {
	void (*fn)(void *arg);
	void *arg;
	struct pool_job *next;
};

struct sbx_pool {
	pthread_mutex_t lock;
	pthread_cond_t work;	/* a job was queued, or the pool stops */
	pthread_cond_t quiet;	/* jobs or threads reached 0 */
	struct pool_job *head, *tail;
	unsigned jobs;		/* reserved, queued or running */
	unsigned queued;	/* waiting for a thread */
	unsigned threads;	/* alive */
	unsigned idle;		/* alive and waiting for work */
	unsigned keep;		/* idle threads kept */
	bool open;		/* jobs are let in (sbx_pool_open) */
	bool stopping;
};

/* Make a pool that keeps up to keep idle threads; closed until opened. */
struct sbx_pool *
sbx_pool_new(unsigned keep)
{
	struct sbx_pool *p = hs_xcalloc(1, sizeof *p);

	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->quiet, NULL);
	p->keep = keep;
	return p;
}

/* Let jobs in. */
void
sbx_pool_open(struct sbx_pool *p)
{
	pthread_mutex_lock(&p->lock);
	p->open = true;
	pthread_mutex_unlock(&p->lock);
}

/* Take the next job, waiting for one; NULL when this thread should go. */
static struct pool_job *
pool_next(struct sbx_pool *p)
{
	struct pool_job *j;

	while (p->head == NULL) {
		if (p->stopping || p->idle >= p->keep)
			return NULL;
		p->idle++;
		pthread_cond_wait(&p->work, &p->lock);
		p->idle--;
	}
	j = p->head;
	p->head = j->next;
	if (p->head == NULL)
		p->tail = NULL;
	p->queued--;
	return j;
}

/* A pool thread: run jobs until none is left for it. */
static void *
pool_thread(void *arg)
{
	struct sbx_pool *p = arg;
	struct pool_job *j;

	pthread_mutex_lock(&p->lock);
	while ((j = pool_next(p)) != NULL) {
		pthread_mutex_unlock(&p->lock);
		j->fn(j->arg);
		free(j);
		pthread_mutex_lock(&p->lock);
		if (--p->jobs == 0)
			pthread_cond_broadcast(&p->quiet);
	}
	if (--p->threads == 0)
		pthread_cond_broadcast(&p->quiet);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Claim a place for one job; false when the pool is closed or stopping. */
bool
sbx_pool_reserve(struct sbx_pool *p)
{
	bool ok;

	pthread_mutex_lock(&p->lock);
	ok = p->open && !p->stopping;
	if (ok)
		p->jobs++;
	pthread_mutex_unlock(&p->lock);
	return ok;
}

/* Start one more thread (the lock held); false if the system refused. */
static bool
pool_spawn(struct sbx_pool *p)
{
	pthread_attr_t attr;
	pthread_t t;
	int err;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	err = pthread_create(&t, &attr, pool_thread, p);
	pthread_attr_destroy(&attr);
	if (err != 0)
		return false;
	p->threads++;
	return true;
}

/*
 * Run fn(arg) on a pool thread, in the place sbx_pool_reserve() claimed.
 * A thread is started when none is idle; if the system refuses one, the
 * job waits for a busy thread (or, with no thread at all, runs here).
 */
void
sbx_pool_run(struct sbx_pool *p, void (*fn)(void *arg), void *arg)
{
	struct pool_job *j = hs_xcalloc(1, sizeof *j);

	j->fn = fn;
	j->arg = arg;
	pthread_mutex_lock(&p->lock);
	if (p->tail != NULL)
		p->tail->next = j;
	else
		p->head = j;
	p->tail = j;
	/* every queued job needs a thread of its own: one may wait for
	 * another (a Lambda function's calls back to the sandbox) */
	if (++p->queued <= p->idle)
		pthread_cond_signal(&p->work);
	else if (!pool_spawn(p) && p->threads == 0) {
		p->head = NULL;
		p->tail = NULL;
		p->queued = 0;
		pthread_mutex_unlock(&p->lock);
		fn(arg);
		free(j);
		pthread_mutex_lock(&p->lock);
		if (--p->jobs == 0)
			pthread_cond_broadcast(&p->quiet);
	}
	pthread_mutex_unlock(&p->lock);
}

/* Refuse new jobs, wait for the others to end and for every thread. */
void
sbx_pool_stop(struct sbx_pool *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stopping = true;
	while (p->jobs > 0)
		pthread_cond_wait(&p->quiet, &p->lock);
	pthread_cond_broadcast(&p->work);
	while (p->threads > 0)
		pthread_cond_wait(&p->quiet, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

/* Stop and free a pool. */
void
sbx_pool_free(struct sbx_pool *p)
{
	if (p == NULL)
		return;
	sbx_pool_stop(p);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->quiet);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
