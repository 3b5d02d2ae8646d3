/* nwsb_record.c -- decompress one record (device code).
 *
 * All inflate memory is taken in nwsb__inflate_init(), called from
 * nwsb_open(): zlib allocates its sliding window lazily, so we make it do
 * so at once by loading a dictionary there, and later only reset the
 * stream.  A record read therefore never allocates.
 */
#include "nwsb_internal.h"

#include <string.h>

static voidpf z_alloc(voidpf opaque, uInt items, uInt size)
{
    nwsb_bundle *b = opaque;
    if (size != 0 && items > (size_t)-1 / size)
        return Z_NULL;
    return b->alloc.alloc(b->alloc.opaque, (size_t)items * size);
}

static void z_free(voidpf opaque, voidpf ptr)
{
    nwsb_bundle *b = opaque;
    b->alloc.free(b->alloc.opaque, ptr);
}

int nwsb__inflate_init(nwsb_bundle *b)
{
    static const Bytef one = 0;
    memset(&b->zs, 0, sizeof b->zs);
    b->zs.zalloc = z_alloc;
    b->zs.zfree = z_free;
    b->zs.opaque = b;
    if (!b->src.data) {
        b->inbuf = b->alloc.alloc(b->alloc.opaque, NWSB_INBUF_SIZE);
        if (!b->inbuf)
            return NWSB_E_NOMEM;
    }
    /* Raw deflate (negative window bits): records carry a CRC-32 in the
     * record table, so zlib's own wrapper would only add bytes.  The window
     * is the bundle's: 32 KiB unless it was packed for less. */
    int zr = inflateInit2(&b->zs, -(int)b->window_bits);
    if (zr != Z_OK) {
        nwsb__inflate_end(b);
        return zr == Z_MEM_ERROR ? NWSB_E_NOMEM : NWSB_E_INFLATE;
    }
    b->zs_ready = 1;
    zr = inflateSetDictionary(&b->zs, &one, 1); /* allocates the window now */
    if (zr != Z_OK) {
        nwsb__inflate_end(b);
        return zr == Z_MEM_ERROR ? NWSB_E_NOMEM : NWSB_E_INFLATE;
    }
    return NWSB_OK;
}

void nwsb__inflate_end(nwsb_bundle *b)
{
    if (b->zs_ready)
        inflateEnd(&b->zs);
    b->zs_ready = 0;
    if (b->inbuf)
        b->alloc.free(b->alloc.opaque, b->inbuf);
    b->inbuf = NULL;
}

static int record_fail(nwsb_diag *d, int err, uint32_t i, uint32_t offset)
{
    if (d) {
        d->part = "record";
        d->index = i;
        d->has_index = 1;
        d->offset = offset;
    }
    return err;
}

/* Load the preset dictionary into the window.  Through a callback it is
 * streamed via the caller's output buffer: zlib appends each piece. */
static int load_dict(nwsb_bundle *b, uint8_t *scratch, uint32_t cap)
{
    if (b->dict_kind == NWSB_DICT_NONE)
        return NWSB_OK;
    if (b->dict)
        return inflateSetDictionary(&b->zs, b->dict, b->dict_size) == Z_OK ? NWSB_OK
                                                                            : NWSB_E_INFLATE;
    for (uint32_t done = 0; done < b->dict_size;) {
        uint32_t n = b->dict_size - done < cap ? b->dict_size - done : cap;
        int rc = nwsb__read(b, b->dict_off + done, scratch, n);
        if (rc)
            return rc;
        if (inflateSetDictionary(&b->zs, scratch, n) != Z_OK)
            return NWSB_E_INFLATE;
        done += n;
    }
    return NWSB_OK;
}

static int inflate_record(nwsb_bundle *b, const nwsb_record *r, uint8_t *out, uint32_t *crc)
{
    uint32_t pos = 0;
    int zr = Z_OK;
    uLong c = crc32(0L, Z_NULL, 0);

    b->zs.next_out = out;
    b->zs.avail_out = r->text_size;
    if (b->src.data) {
        b->zs.next_in = (Bytef *)(uintptr_t)(b->src.data + r->data_offset);
        b->zs.avail_in = r->stored_size;
        zr = inflate(&b->zs, Z_FINISH);
        pos = r->stored_size;
    }
    while (!b->src.data && zr == Z_OK) {
        /* Pull a chunk; the CRC is computed on the same pass. */
        if (b->zs.avail_in == 0 && pos < r->stored_size) {
            uint32_t n = r->stored_size - pos;
            if (n > NWSB_INBUF_SIZE)
                n = NWSB_INBUF_SIZE;
            int rc = nwsb__read(b, r->data_offset + pos, b->inbuf, n);
            if (rc)
                return rc;
            c = crc32(c, b->inbuf, n);
            b->zs.next_in = b->inbuf;
            b->zs.avail_in = n;
            pos += n;
        }
        zr = inflate(&b->zs, pos == r->stored_size ? Z_FINISH : Z_NO_FLUSH);
        if (zr == Z_BUF_ERROR && b->zs.avail_in == 0 && pos < r->stored_size)
            zr = Z_OK;
    }
    /* On early failure finish the CRC, so that damage is told apart from a
     * record that was stored broken. */
    while (!b->src.data && pos < r->stored_size) {
        uint32_t n = r->stored_size - pos;
        if (n > NWSB_INBUF_SIZE)
            n = NWSB_INBUF_SIZE;
        if (nwsb__read(b, r->data_offset + pos, b->inbuf, n))
            break;
        c = crc32(c, b->inbuf, n);
        pos += n;
        zr = Z_DATA_ERROR;
    }
    if (!b->src.data)
        *crc = (uint32_t)c;
    /* Exactly the promised text, and no stored byte left over. */
    if (zr != Z_STREAM_END || b->zs.avail_out != 0 || b->zs.avail_in != 0 ||
        pos != r->stored_size)
        return NWSB_E_INFLATE;
    return NWSB_OK;
}

int nwsb_record_read(nwsb_bundle *b, uint32_t i, uint8_t *out, uint32_t cap, uint32_t *len,
                     nwsb_diag *diag)
{
    nwsb_record r;
    uint32_t crc = 0;
    int rc;

    if (diag)
        memset(diag, 0, sizeof *diag);
    if (len)
        *len = 0;
    if (!out || !len)
        return NWSB_E_ARG;
    if ((rc = nwsb_record_get(b, i, &r)) != NWSB_OK)
        return record_fail(diag, rc, i, 0);
    if (cap < r.text_size)
        return record_fail(diag, NWSB_E_BUFFER, i, r.data_offset);

    if (b->src.data) {
        crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), b->src.data + r.data_offset, r.stored_size);
#ifndef NWSB_FUZZING
        if (crc != r.crc)
            return record_fail(diag, NWSB_E_RECORD_CRC, i, r.data_offset);
#endif
    }
    if (r.flags & NWSB_RF_STORED) {
        if ((rc = nwsb__read(b, r.data_offset, out, r.text_size)) != NWSB_OK)
            return record_fail(diag, rc, i, r.data_offset);
        if (!b->src.data)
            crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), out, r.text_size);
    } else {
        if (inflateReset(&b->zs) != Z_OK)
            return record_fail(diag, NWSB_E_INFLATE, i, r.data_offset);
        if ((rc = load_dict(b, out, cap)) != NWSB_OK ||
            (rc = inflate_record(b, &r, out, &crc)) != NWSB_OK) {
            /* Damage that the CRC would have named is reported as such. */
            if (!b->src.data && rc == NWSB_E_INFLATE && crc != r.crc)
                rc = NWSB_E_RECORD_CRC;
            return record_fail(diag, rc, i, r.data_offset);
        }
    }
#ifndef NWSB_FUZZING
    if (crc != r.crc)
        return record_fail(diag, NWSB_E_RECORD_CRC, i, r.data_offset);
#endif
    *len = r.text_size;
    return NWSB_OK;
}
