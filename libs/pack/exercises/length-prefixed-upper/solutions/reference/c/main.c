/* length-prefixed-upper reference: read exactly 4 bytes, then exactly that many, however recv() cuts them. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_PAYLOAD 65536

/* Reads exactly len bytes. Returns len, 0 on EOF before the first byte, -1 on EOF inside or error. */
static ssize_t read_exactly(int fd, unsigned char *buf, size_t len) {
    size_t got = 0;
    while (got < len) {
        ssize_t n = recv(fd, buf + got, len - got, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) return got == 0 ? 0 : -1;
        got += (size_t)n;
    }
    return (ssize_t)len;
}

static int send_all(int fd, const unsigned char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static void serve(int fd) {
    static unsigned char message[4 + MAX_PAYLOAD];
    for (;;) {
        if (read_exactly(fd, message, 4) <= 0) return;
        uint32_t length;
        memcpy(&length, message, 4);
        length = ntohl(length);
        if (length > MAX_PAYLOAD) return;
        if (length > 0 && read_exactly(fd, message + 4, length) != (ssize_t)length) return;
        for (uint32_t i = 0; i < length; i++) {
            unsigned char c = message[4 + i];
            if (c >= 'a' && c <= 'z') message[4 + i] = (unsigned char)(c - 'a' + 'A');
        }
        if (send_all(fd, message, 4 + (size_t)length) < 0) return;
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 1;
    }
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0) { perror("socket"); return 1; }
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons((unsigned short)atoi(argv[1]));
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 16) < 0) {
        perror("bind/listen");
        return 1;
    }
    for (;;) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            perror("accept");
            return 1;
        }
        serve(fd);
        close(fd);
    }
}
