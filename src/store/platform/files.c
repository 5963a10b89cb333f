#include "store/platform/files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

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

static bool files_read_secret(const char *path, unsigned char *key) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    ssize_t n = read(fd, key, FILES_SECRET_LEN);
    close(fd);
    return n == FILES_SECRET_LEN;
}

/* Writes a new random key under a temporary name and links it into place; false when the
 * link fails (another caller made it first: read that one). */
static bool files_make_secret(arena_t *a, const char *path) {
    unsigned char key[FILES_SECRET_LEN];
    randombytes_buf(key, sizeof key);
    char *tmp = arena_printf(a, "%s.tmp-XXXXXX", path);
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) return false;
    fchmod(fd, 0600);
    bool is_ok = write(fd, key, sizeof key) == (ssize_t)sizeof key && fsync(fd) == 0;
    close(fd);
    is_ok = is_ok && link(tmp, path) == 0;
    unlink(tmp);
    sodium_memzero(key, sizeof key);
    return is_ok;
}

err_t *files_secret(arena_t *a, const char *data_dir, const char *name, const unsigned char **key) {
    const char *path = arena_printf(a, "%s/%s", data_dir, name);
    unsigned char *k = arena_alloc(a, FILES_SECRET_LEN);
    mkdir(data_dir, 0750);
    if (!files_read_secret(path, k)) {
        files_make_secret(a, path);
        if (!files_read_secret(path, k))
            return err_newf(a, ERR_INTERNAL, NULL, "无法读取或创建密钥文件 %s", "cannot read or create the key file %s",
                            path, path);
    }
    *key = k;
    return NULL;
}
