/* length-prefixed-upper faulty: whatever one recv() returns is taken for one whole message. */
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

#define BUFFER 65536

static void serve(int fd) {
    static unsigned char buf[BUFFER];
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        if (n < 4) continue; /* FAULTY: a short read is not a message, so it is dropped */
        uint32_t length;
        memcpy(&length, buf, 4);
        length = ntohl(length);
        /* FAULTY: the message is assumed to be exactly what this recv() returned. */
        if (length > (uint32_t)(n - 4)) length = (uint32_t)(n - 4);
        for (uint32_t i = 0; i < length; i++)
            if (buf[4 + i] >= 'a' && buf[4 + i] <= 'z') buf[4 + i] = (unsigned char)(buf[4 + i] - 'a' + 'A');
        uint32_t header = htonl(length);
        memcpy(buf, &header, 4);
        send(fd, buf, 4 + (size_t)length, MSG_NOSIGNAL);
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
