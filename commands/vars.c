/*
 * vars.c: shell variables, a small map kept sorted by name.
 *
 * Values may be secrets (.set DB_PASSWORD=...), so they are wiped when
 * replaced or removed.
 */
#include "hs-common.h"
#include "commands.h"

#include <ctype.h>

/* Tell whether name is [A-Za-z_][A-Za-z0-9_]*. */
bool
hs_vars_valid_name(const char *name, size_t len)
{
	size_t i;

	if (len == 0 || isdigit((unsigned char)name[0]))
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_')
			return false;
	return true;
}

/* Find name's slot: its index, or where it would go (*found false). */
static size_t
vars_find(const struct hs_vars *vars, const char *name, bool *found)
{
	size_t lo = 0, hi = vars->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(vars->v[mid].name, name);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

/* The value of name, or NULL. */
const char *
hs_vars_get(const struct hs_vars *vars, const char *name)
{
	bool found;
	size_t i = vars_find(vars, name, &found);

	return found ? vars->v[i].value : NULL;
}

/* Set name to value. */
void
hs_vars_set(struct hs_vars *vars, const char *name, const char *value)
{
	bool found;
	size_t i = vars_find(vars, name, &found);

	if (!hs_vars_valid_name(name, strlen(name)))
		BUG("invalid variable name '%s'", name);
	if (found) {
		hs_free_secret(vars->v[i].value);
		vars->v[i].value = hs_xstrdup(value);
		return;
	}
	if (vars->n == vars->alloc) {
		vars->alloc = vars->alloc ? vars->alloc * 2 : 8;
		vars->v = hs_xreallocarray(vars->v, vars->alloc, sizeof *vars->v);
	}
	memmove(vars->v + i + 1, vars->v + i, (vars->n - i) * sizeof *vars->v);
	vars->v[i].name = hs_xstrdup(name);
	vars->v[i].value = hs_xstrdup(value);
	vars->n++;
}

/* Remove name; false when it was not set. */
bool
hs_vars_unset(struct hs_vars *vars, const char *name)
{
	bool found;
	size_t i = vars_find(vars, name, &found);

	if (!found)
		return false;
	free(vars->v[i].name);
	hs_free_secret(vars->v[i].value);
	memmove(vars->v + i, vars->v + i + 1,
	    (vars->n - i - 1) * sizeof *vars->v);
	vars->n--;
	return true;
}

/* Parse "NAME=VALUE" and set it. */
int
hs_vars_assign(struct hs_vars *vars, const char *assignment, char **cause)
{
	const char *eq = strchr(assignment, '=');
	char *name;

	if (eq == NULL) {
		*cause = hs_xasprintf("'%s' is not NAME=VALUE", assignment);
		return -1;
	}
	if (!hs_vars_valid_name(assignment, (size_t)(eq - assignment))) {
		*cause = hs_xasprintf("invalid variable name '%.*s': use "
		    "letters, digits and '_', not starting with a digit",
		    (int)(eq - assignment), assignment);
		return -1;
	}
	name = hs_xstrndup(assignment, (size_t)(eq - assignment));
	hs_vars_set(vars, name, eq + 1);
	free(name);
	return 0;
}

/* Copy every variable of src into dst. */
void
hs_vars_copy(struct hs_vars *dst, const struct hs_vars *src)
{
	size_t i;

	hs_vars_clear(dst);
	for (i = 0; i < src->n; i++)
		hs_vars_set(dst, src->v[i].name, src->v[i].value);
}

/* Free every variable, wiping the values. */
void
hs_vars_clear(struct hs_vars *vars)
{
	size_t i;

	for (i = 0; i < vars->n; i++) {
		free(vars->v[i].name);
		hs_free_secret(vars->v[i].value);
	}
	free(vars->v);
	vars->v = NULL;
	vars->n = 0;
	vars->alloc = 0;
}
