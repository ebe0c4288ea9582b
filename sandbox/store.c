/*
 * store.c: the SQLite database of a sandbox: DATA/sandbox.db in WAL mode
 * with synchronous=FULL (a commit is on disk before the request is
 * acknowledged), one connection behind a mutex, and an exclusive lock on
 * the data folder so that two sandboxes never share one.
 */
#include "hs-common.h"
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

struct sbx_store {
	sqlite3 *db;
	pthread_mutex_t lock;
	int lock_fd;		/* DATA/lock, flock'd while open */
};

/* Run SQL without results; -1 and cause on failure. */
int
sbx_store_exec(sqlite3 *db, const char *sql, char **cause)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK)
		return 0;
	*cause = hs_xasprintf("store: %s", err ? err : sqlite3_errmsg(db));
	sqlite3_free(err);
	return -1;
}

/* Prepare sql or fail with cause. */
sqlite3_stmt *
sbx_store_prepare(sqlite3 *db, const char *sql, char **cause)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		*cause = hs_xasprintf("store: %s", sqlite3_errmsg(db));
		return NULL;
	}
	return st;
}

/* Bind a C string (NULL binds SQL NULL). */
void
sbx_store_bind(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* A copy of column i of a row, or NULL for SQL NULL. */
char *
sbx_store_col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s == NULL ? NULL : hs_xstrndup((const char *)s,
	    (size_t)sqlite3_column_bytes(st, i));
}

/* Lock the data folder so that a second sandbox cannot open it. */
static int
store_lock_folder(struct sbx_store *st, const char *dir, char **cause)
{
	char *path = hs_xasprintf("%s/lock", dir);
	int rc = -1;

	st->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (st->lock_fd < 0) {
		*cause = hs_xasprintf("cannot open '%s': %s", path,
		    strerror(errno));
		goto cleanup;
	}
	if (flock(st->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		*cause = hs_xasprintf("data folder '%s' is in use by another "
		    "sandbox", dir);
		goto cleanup;
	}
	rc = 0;
cleanup:
	free(path);
	return rc;
}

/* Create the tables of every service of the service table. */
static int
store_schema(sqlite3 *db, char **cause)
{
	size_t i;

	if (sbx_store_exec(db, "PRAGMA journal_mode=WAL;"
	    "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", cause) != 0)
		return -1;
	for (i = 0; i < sbx_n_services; i++)
		if (sbx_services[i].schema != NULL &&
		    sbx_store_exec(db, sbx_services[i].schema, cause) != 0)
			return -1;
	return 0;
}

/* Open DATA/sandbox.db, lock the data folder, create every table. */
int
sbx_store_open(struct sandbox *sb, char **cause)
{
	struct sbx_store *st = hs_xcalloc(1, sizeof *st);
	char *path = hs_xasprintf("%s/sandbox.db", sb->data_dir);
	int rc = -1;

	st->lock_fd = -1;
	pthread_mutex_init(&st->lock, NULL);
	if (store_lock_folder(st, sb->data_dir, cause) != 0)
		goto cleanup;
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
		*cause = hs_xasprintf("cannot open '%s': %s", path,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto cleanup;
	}
	sqlite3_busy_timeout(st->db, 5000);
	if (store_schema(st->db, cause) != 0)
		goto cleanup;
	sb->store = st;
	st = NULL;
	rc = 0;
cleanup:
	free(path);
	sbx_store_close(st);
	return rc;
}

/* Close the database and release the folder lock. */
void
sbx_store_close(struct sbx_store *st)
{
	if (st == NULL)
		return;
	if (st->db != NULL)
		sqlite3_close(st->db);
	if (st->lock_fd >= 0)
		close(st->lock_fd);
	pthread_mutex_destroy(&st->lock);
	free(st);
}

/* Take the store for a series of statements. */
sqlite3 *
sbx_store_lock(struct sbx_store *st)
{
	pthread_mutex_lock(&st->lock);
	return st->db;
}

/* Give the store back. */
void
sbx_store_unlock(struct sbx_store *st)
{
	pthread_mutex_unlock(&st->lock);
}
