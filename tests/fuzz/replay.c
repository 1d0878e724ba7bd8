/* replay.c - a fuzz target as an ordinary test: runs
 * LLVMFuzzerTestOneInput over every file of the directories (or files)
 * named on the command line, in name order, so the seed corpus and every
 * crash ever found are replayed by each build, with any compiler. A
 * target that finds a bug aborts; the name of the input it was given is
 * printed first.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int read_file(const char *path, uint8_t **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 0, n;
	uint8_t *p = NULL, *q;
	int oom = 0;

	*len = 0;
	if (!f)
		return -1;
	for (;;) {
		if (*len == cap) {
			if ((q = realloc(p, cap ? 2 * cap : 4096)) == NULL) {
				oom = 1;
				break;
			}
			p = q;
			cap = cap ? 2 * cap : 4096;
		}
		n = fread(p + *len, 1, cap - *len, f);
		*len += n;
		if (n == 0)
			break;
	}
	if (oom || ferror(f)) {
		fclose(f);
		free(p);
		return -1;
	}
	fclose(f);
	/* an exact-size copy, so reading past the input is caught */
	q = malloc(*len ? *len : 1);
	if (!q) {
		free(p);
		return -1;
	}
	if (*len)
		memcpy(q, p, *len);
	free(p);
	*data = q;
	return 0;
}

static int run_one(const char *path)
{
	uint8_t *data;
	size_t len;

	if (read_file(path, &data, &len)) {
		fprintf(stderr, "replay: %s: cannot read: %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, **grown;
	size_t n = 0, cap = 0, k;
	int err = 0;

	if (!d) {
		fprintf(stderr, "replay: %s: cannot open: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			if ((grown = realloc(names, cap * sizeof(*names))) == NULL) {
				err = -1;
				break;
			}
			names = grown;
		}
		if ((names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2)) == NULL) {
			err = -1;
			break;
		}
		sprintf(names[n++], "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (!err)
		qsort(names, n, sizeof(*names), by_name);
	for (k = 0; k < n; k++) {
		if (!err && run_one(names[k]) == 0)
			(*count)++;
		free(names[k]);
	}
	free(names);
	return err;
}

int main(int argc, char **argv)
{
	struct stat st;
	size_t count = 0;
	int k;

	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR|FILE...\n", argv[0]);
		return 2;
	}
	for (k = 1; k < argc; k++) {
		if (stat(argv[k], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (run_dir(argv[k], &count))
				return 2;
		} else if (run_one(argv[k]))
			return 2;
		else
			count++;
	}
	if (!count) {
		fprintf(stderr, "replay: no inputs in %s\n", argv[1]);
		return 2;
	}
	printf("replayed %zu inputs\n", count);
	return 0;
}
