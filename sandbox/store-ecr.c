/*
 * store-ecr.c: ECR's records: repositories, images (one row per manifest
 * digest) and tags (each names one image of its repository). A tag moved
 * to another image leaves the old image untagged, as in ECR.
 */
#include "hs-common.h"
#include "ecr.h"

const char sbx_ecr_schema[] =
	"CREATE TABLE IF NOT EXISTS ecr_repos(name TEXT PRIMARY KEY,"
	" created_ms INTEGER NOT NULL, mutability TEXT NOT NULL,"
	" scan_on_push INTEGER NOT NULL, encryption TEXT NOT NULL,"
	" kms_key TEXT, policy TEXT, tags TEXT);"
	"CREATE TABLE IF NOT EXISTS ecr_images(repo TEXT NOT NULL,"
	" digest TEXT NOT NULL, manifest TEXT NOT NULL, media_type TEXT NOT NULL,"
	" size INTEGER NOT NULL, pushed_ms INTEGER NOT NULL,"
	" PRIMARY KEY(repo, digest));"
	"CREATE TABLE IF NOT EXISTS ecr_tags(repo TEXT NOT NULL,"
	" tag TEXT NOT NULL, digest TEXT NOT NULL, PRIMARY KEY(repo, tag));";

#define REPO_COLUMNS "name, created_ms, mutability, scan_on_push," \
	" encryption, kms_key, policy, tags"

void
sbx_ecr_repo_clear(struct sbx_ecr_repo *r)
{
	free(r->name);
	free(r->mutability);
	free(r->encryption);
	free(r->kms_key);
	free(r->policy);
	cJSON_Delete(r->tags);
	memset(r, 0, sizeof *r);
}

void
sbx_ecr_images_free(struct sbx_ecr_image *im, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(im[i].digest);
		free(im[i].manifest);
		free(im[i].media_type);
		cJSON_Delete(im[i].tags);
	}
	free(im);
}

/* 0 created, 1 exists. */
int
sbx_ecr_repo_create(struct sbx_store *st, const struct sbx_ecr_repo *r,
    char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	char *tags = r->tags ? cJSON_PrintUnformatted(r->tags) : NULL, ms[24];
	int n = sbx_store_run(db, cause, "INSERT OR IGNORE INTO ecr_repos("
	    REPO_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, NULL, ?)", 7, r->name,
	    sbx_itoa(r->created_ms, ms), r->mutability, r->scan_on_push ? "1" :
	    "0", r->encryption, r->kms_key, tags);

	free(tags);
	sbx_store_unlock(st);
	return n < 0 ? -1 : n == 0 ? 1 : 0;
}

/* Read a repository row. */
static void
repo_row(sqlite3_stmt *s, struct sbx_ecr_repo *r)
{
	const char *tags = (const char *)sqlite3_column_text(s, 7);

	memset(r, 0, sizeof *r);
	r->name = sbx_store_col(s, 0);
	r->created_ms = sqlite3_column_int64(s, 1);
	r->mutability = sbx_store_col(s, 2);
	r->scan_on_push = sqlite3_column_int(s, 3) != 0;
	r->encryption = sbx_store_col(s, 4);
	r->kms_key = sbx_store_col(s, 5);
	r->policy = sbx_store_col(s, 6);
	r->tags = tags ? cJSON_Parse(tags) : NULL;
}

/* Repositories of a query (one optional argument). */
static int
repo_select(struct sbx_store *st, const char *sql, const char *arg,
    struct sbx_ecr_repo **out, size_t *n, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s = sbx_store_query(db, cause, sql, arg ? 1 : 0, arg);
	int f = -1;

	*out = NULL;
	*n = 0;
	while (s != NULL && (f = sbx_store_step(db, s, cause)) == 1) {
		*out = hs_xreallocarray(*out, *n + 1, sizeof **out);
		repo_row(s, &(*out)[(*n)++]);
	}
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return f == 0 ? 0 : -1;
}

/* 0 found, 1 none. */
int
sbx_ecr_repo_get(struct sbx_store *st, const char *name,
    struct sbx_ecr_repo *out, char **cause)
{
	struct sbx_ecr_repo *all = NULL;
	size_t n = 0, i;

	if (repo_select(st, "SELECT " REPO_COLUMNS " FROM ecr_repos WHERE"
	    " name = ?", name, &all, &n, cause) != 0)
		return -1;
	if (n > 0)
		*out = all[0];
	for (i = 1; i < n; i++)
		sbx_ecr_repo_clear(&all[i]);
	free(all);
	return n > 0 ? 0 : 1;
}

/* Every repository, by name. */
int
sbx_ecr_repo_list(struct sbx_store *st, struct sbx_ecr_repo **out, size_t *n,
    char **cause)
{
	return repo_select(st, "SELECT " REPO_COLUMNS " FROM ecr_repos ORDER"
	    " BY name", NULL, out, n, cause);
}

/* Count the images of a repository; -1 on failure. */
static int
repo_count_images(sqlite3 *db, const char *name, char **cause)
{
	sqlite3_stmt *s = sbx_store_query(db, cause, "SELECT count(*) FROM"
	    " ecr_images WHERE repo = ?", 1, name);
	int n = -1;

	if (s != NULL && sbx_store_step(db, s, cause) == 1)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* 0 deleted, 1 none, 2 not empty. */
int
sbx_ecr_repo_delete(struct sbx_store *st, const char *name, bool force,
    char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int rc = -1, n;

	if (sbx_store_begin(db, cause) != 0)
		goto out;
	n = repo_count_images(db, name, cause);
	if (n > 0 && !force)
		rc = 2;
	else if (n >= 0 && sbx_store_run(db, cause, "DELETE FROM ecr_images"
	    " WHERE repo = ?", 1, name) >= 0 && sbx_store_run(db, cause,
	    "DELETE FROM ecr_tags WHERE repo = ?", 1, name) >= 0) {
		n = sbx_store_run(db, cause, "DELETE FROM ecr_repos WHERE"
		    " name = ?", 1, name);
		rc = n < 0 ? -1 : n == 0 ? 1 : 0;
	}
	if (rc == 0 && sbx_store_commit(db, cause) != 0)
		rc = -1;
	if (rc != 0)
		sbx_store_rollback(db);
out:
	sbx_store_unlock(st);
	return rc;
}

/* Set a column of a repository. */
int
sbx_ecr_repo_set(struct sbx_store *st, const char *name, const char *column,
    const char *value, char **cause)
{
	sqlite3 *db;
	char *sql;
	int n;

	if (strcmp(column, "mutability") != 0 &&
	    strcmp(column, "scan_on_push") != 0 &&
	    strcmp(column, "policy") != 0 && strcmp(column, "tags") != 0)
		BUG("unknown repository column %s", column);
	db = sbx_store_lock(st);
	sql = hs_xasprintf("UPDATE ecr_repos SET %s = ? WHERE name = ?", column);
	n = sbx_store_run(db, cause, sql, 2, value, name);
	free(sql);
	sbx_store_unlock(st);
	return n < 0 ? -1 : n == 0 ? 1 : 0;
}

/* Add the tags of each image. */
static int
images_tags(sqlite3 *db, const char *repo, struct sbx_ecr_image *im,
    size_t n, char **cause)
{
	sqlite3_stmt *s = sbx_store_query(db, cause, "SELECT tag, digest FROM"
	    " ecr_tags WHERE repo = ? ORDER BY rowid DESC", 1, repo);
	int f = -1;
	size_t i;

	while (s != NULL && (f = sbx_store_step(db, s, cause)) == 1)
		for (i = 0; i < n; i++)
			if (strcmp(im[i].digest, (const char *)
			    sqlite3_column_text(s, 1)) == 0)
				cJSON_AddItemToArray(im[i].tags,
				    cJSON_CreateString((const char *)
				    sqlite3_column_text(s, 0)));
	sqlite3_finalize(s);
	return f;
}

/* The images of a repository with their tags, newest first. */
int
sbx_ecr_images(struct sbx_store *st, const char *repo,
    struct sbx_ecr_image **out, size_t *n, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s = sbx_store_query(db, cause, "SELECT digest, manifest,"
	    " media_type, size, pushed_ms FROM ecr_images WHERE repo = ?"
	    " ORDER BY pushed_ms DESC, rowid DESC", 1, repo);
	int f = -1;

	*out = NULL;
	*n = 0;
	while (s != NULL && (f = sbx_store_step(db, s, cause)) == 1) {
		struct sbx_ecr_image *im;
		*out = hs_xreallocarray(*out, *n + 1, sizeof **out);
		im = &(*out)[(*n)++];
		im->digest = sbx_store_col(s, 0);
		im->manifest = sbx_store_col(s, 1);
		im->media_type = sbx_store_col(s, 2);
		im->size = sqlite3_column_int64(s, 3);
		im->pushed_ms = sqlite3_column_int64(s, 4);
		im->tags = cJSON_CreateArray();
	}
	sqlite3_finalize(s);
	if (f == 0)
		f = images_tags(db, repo, *out, *n, cause);
	sbx_store_unlock(st);
	return f == 0 ? 0 : -1;
}

/* The digest a tag names, or NULL. */
static char *
tag_digest(sqlite3 *db, const char *repo, const char *tag, char **cause)
{
	sqlite3_stmt *s = sbx_store_query(db, cause, "SELECT digest FROM"
	    " ecr_tags WHERE repo = ? AND tag = ?", 2, repo, tag);
	char *d = NULL;

	if (s != NULL && sbx_store_step(db, s, cause) == 1)
		d = sbx_store_col(s, 0);
	sqlite3_finalize(s);
	return d;
}

/* Put an image and its tag under the lock. */
static int
image_put_locked(sqlite3 *db, const char *repo,
    const struct sbx_ecr_image *im, const char *tag, bool immutable,
    char **cause)
{
	char *old = tag ? tag_digest(db, repo, tag, cause) : NULL;
	char sz[24], ms[24];
	int n, rc;

	if (old != NULL) {
		rc = strcmp(old, im->digest) == 0 ? 2 : immutable ? 3 : 0;
		free(old);
		if (rc != 0)
			return rc;
	}
	n = sbx_store_run(db, cause, "INSERT OR IGNORE INTO ecr_images(repo,"
	    " digest, manifest, media_type, size, pushed_ms) VALUES (?, ?, ?,"
	    " ?, ?, ?)", 6, repo, im->digest, im->manifest, im->media_type,
	    sbx_itoa(im->size, sz), sbx_itoa(im->pushed_ms, ms));
	if (n < 0)
		return -1;
	if (tag == NULL)
		return n == 0 ? 2 : 0;
	return sbx_store_run(db, cause, "INSERT OR REPLACE INTO ecr_tags(repo,"
	    " tag, digest) VALUES (?, ?, ?)", 3, repo, tag, im->digest) < 0 ?
	    -1 : 0;
}

/* Store an image and point a tag at it. */
int
sbx_ecr_image_put(struct sbx_store *st, const char *repo,
    const struct sbx_ecr_image *im, const char *tag, bool immutable,
    char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int rc = -1;

	if (sbx_store_begin(db, cause) == 0) {
		rc = image_put_locked(db, repo, im, tag, immutable, cause);
		if (rc == 0 && sbx_store_commit(db, cause) != 0)
			rc = -1;
		if (rc != 0)
			sbx_store_rollback(db);
	}
	sbx_store_unlock(st);
	return rc;
}

/* Delete under the lock: a tag (and its image when untagged then) or an
 * image with all its tags. */
static int
image_delete_locked(sqlite3 *db, const char *repo, const char *digest,
    const char *tag, char **cause)
{
	sqlite3_stmt *s;
	int n, left = 0;

	if (tag == NULL) {
		if (sbx_store_run(db, cause, "DELETE FROM ecr_tags WHERE repo = ?"
		    " AND digest = ?", 2, repo, digest) < 0)
			return -1;
		n = sbx_store_run(db, cause, "DELETE FROM ecr_images WHERE"
		    " repo = ? AND digest = ?", 2, repo, digest);
		return n < 0 ? -1 : n == 0 ? 1 : 0;
	}
	n = sbx_store_run(db, cause, "DELETE FROM ecr_tags WHERE repo = ? AND"
	    " tag = ? AND digest = ?", 3, repo, tag, digest);
	if (n <= 0)
		return n < 0 ? -1 : 1;
	s = sbx_store_query(db, cause, "SELECT count(*) FROM ecr_tags WHERE"
	    " repo = ? AND digest = ?", 2, repo, digest);
	if (s != NULL && sbx_store_step(db, s, cause) == 1)
		left = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (left == 0 && sbx_store_run(db, cause, "DELETE FROM ecr_images WHERE"
	    " repo = ? AND digest = ?", 2, repo, digest) < 0)
		return -1;
	return 0;
}

/* Delete a tag or an image. */
int
sbx_ecr_image_delete(struct sbx_store *st, const char *repo,
    const char *digest, const char *tag, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int rc = -1;

	if (sbx_store_begin(db, cause) == 0) {
		rc = image_delete_locked(db, repo, digest, tag, cause);
		if (rc == 0 && sbx_store_commit(db, cause) != 0)
			rc = -1;
		if (rc != 0)
			sbx_store_rollback(db);
	}
	sbx_store_unlock(st);
	return rc;
}
