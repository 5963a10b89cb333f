#include "store/platform/files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/hash.h"

static bool files_safe_rel(const char *rel) {
    /* "xx/<64 hex>" and nothing else */
    if (!rel || strlen(rel) != 67 || rel[2] != '/') return false;
    for (size_t i = 0; i < 67; i++)
        if (i != 2 && !((rel[i] >= '0' && rel[i] <= '9') || (rel[i] >= 'a' && rel[i] <= 'f'))) return false;
    return memcmp(rel, rel + 3, 2) == 0;
}

err_t *files_put(arena_t *a, const char *data_dir, const void *data, size_t n, const char **rel_out) {
    char h[HASH_HEX_LEN + 1];
    hash_sm3_hex(data, n, h);
    const char *rel = arena_printf(a, "%.2s/%s", h, h);
    const char *dir = arena_printf(a, "%s/%.2s", data_dir, h);
    const char *path = arena_printf(a, "%s/%s", data_dir, rel);
    *rel_out = rel;
    struct stat st;
    if (stat(path, &st) == 0) return NULL; /* same bytes, already stored */
    mkdir(data_dir, 0750);
    if (mkdir(dir, 0750) != 0 && errno != EEXIST)
        return err_newf(a, ERR_INTERNAL, NULL, "无法创建目录 %s", "cannot create directory %s", dir, dir);
    /* a temporary name of its own (mkstemp): two threads, or two servers on a shared mount,
     * storing the same bytes at once must not write into one file */
    char *tmp = arena_printf(a, "%s.tmp-XXXXXX", path);
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) return err_new(a, ERR_INTERNAL, NULL, "无法写入附件", "cannot write the attachment");
    fchmod(fd, 0640);
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(fd, (const char *)data + off, n - off);
        if (w <= 0) break;
        off += (size_t)w;
    }
    bool is_ok = off == n && fsync(fd) == 0;
    close(fd);
    if (!is_ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return err_new(a, ERR_INTERNAL, NULL, "无法写入附件", "cannot write the attachment");
    }
    /* the rename itself must survive a crash before the database row that names the file */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return NULL;
}

err_t *files_get(arena_t *a, const char *data_dir, const char *rel, const char **data, size_t *n) {
    if (!files_safe_rel(rel)) return err_new(a, ERR_NOT_FOUND, NULL, "附件不存在", "no such attachment");
    const char *path = arena_printf(a, "%s/%s", data_dir, rel);
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0) {
        if (f) fclose(f);
        return err_new(a, ERR_NOT_FOUND, NULL, "附件不存在", "no such attachment");
    }
    char *buf = arena_alloc(a, (size_t)st.st_size + 1);
    size_t got = fread(buf, 1, (size_t)st.st_size, f);
    fclose(f);
    if (got != (size_t)st.st_size) return err_new(a, ERR_INTERNAL, NULL, "读取附件失败", "cannot read the attachment");
    *data = buf;
    *n = got;
    return NULL;
}
