/* nwsb_dict.h -- the built-in preset dictionary for news prose.
 * The bytes are generated (src/bundle/nwsb_dict_news.c names its
 * generator); the id changes whenever the bytes do, so bundles say which
 * dictionary they need. */
#ifndef NWSB_DICT_H
#define NWSB_DICT_H

#include <stdint.h>

extern const uint8_t nwsb_news_dict[];
extern const uint32_t nwsb_news_dict_size;
extern const uint32_t nwsb_news_dict_id;

#endif
