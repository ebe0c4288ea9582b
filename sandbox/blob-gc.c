/*
 * blob-gc.c: at start-up, remove bodies that no record names. A crash
 * between a body's rename into DATA/blobs and the commit of its record
 * leaves such a file (the object was never acknowledged), and so does a
 * crash between a commit and the removal of a replaced body.
 */
#include "hs-common.h"
#include "store.h"

#include <dirent.h>
#include <unistd.h>

/* Tell whether any object, part or Lambda function code names the blob. */
static int
gc_referenced(sqlite3 *db, sqlite3_stmt *s, const char *id)
{
	int r;

	sqlite3_reset(s);
	sbx_store_bind(s, 1, id);
	r = sqlite3_step(s);
	return r == SQLITE_ROW ? 1 : r == SQLITE_DONE ? 0 : -1;
}

/* Remove the unreferenced bodies of one DATA/blobs/XX folder. */
static size_t
gc_folder(sqlite3 *db, sqlite3_stmt *s, const char *dir)
{
	struct dirent *e;
	size_t removed = 0;
	DIR *d = opendir(dir);

	while (d != NULL && (e = readdir(d)) != NULL) {
		char *path;
		if (strlen(e->d_name) != 32 ||
		    strspn(e->d_name, "0123456789abcdef") != 32)
			continue;
		if (gc_referenced(db, s, e->d_name) != 0)
			continue;	/* referenced, or unsure: keep it */
		path = hs_xasprintf("%s/%s", dir, e->d_name);
		if (unlink(path) == 0)
			removed++;
		free(path);
	}
	if (d != NULL)
		closedir(d);
	return removed;
}

/* Remove every body that no record names; the number removed. */
size_t
sbx_blob_gc(struct sandbox *sb)
{
	char *root = hs_xasprintf("%s/blobs", sb->data_dir), *cause = NULL;
	sqlite3 *db = sbx_store_lock(sb->store);
	sqlite3_stmt *s;
	struct dirent *e;
	size_t removed = 0;
	DIR *d;

	s = sbx_store_prepare(db, "SELECT 1 FROM s3_objects WHERE blob = ?1"
	    " UNION ALL SELECT 1 FROM s3_parts WHERE blob = ?1"
	    " UNION ALL SELECT 1 FROM lambda_functions WHERE code_blob = ?1"
	    " LIMIT 1", &cause);
	d = s != NULL ? opendir(root) : NULL;
	while (d != NULL && (e = readdir(d)) != NULL) {
		char *dir;
		if (strlen(e->d_name) != 2 || e->d_name[0] == '.')
			continue;
		dir = hs_xasprintf("%s/%s", root, e->d_name);
		removed += gc_folder(db, s, dir);
		free(dir);
	}
	if (d != NULL)
		closedir(d);
	sqlite3_finalize(s);
	sbx_store_unlock(sb->store);
	free(cause);
	free(root);
	return removed;
}
