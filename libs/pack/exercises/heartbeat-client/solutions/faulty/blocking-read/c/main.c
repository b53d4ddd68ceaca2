/* Faulty: waits for each PONG in a blocking recv() with no timeout. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s HOST PORT\n", argv[0]);
        return 1;
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)atoi(argv[2]));
    inet_pton(AF_INET, argv[1], &addr.sin_addr);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("connect");
        return 1;
    }
    char buf[256];
    for (;;) {
        if (send(fd, "PING\n", 5, MSG_NOSIGNAL) < 0) {
            printf("RESET\n");
            return 5;
        }
        ssize_t n = recv(fd, buf, sizeof buf - 1, 0); /* blocks forever if the server vanished */
        if (n < 0) {
            printf("RESET\n");
            return 5;
        }
        buf[n > 0 ? n : 0] = '\0';
        if (n == 0 || strncmp(buf, "BYE", 3) == 0) {
            close(fd);
            printf("CLOSED\n");
            return 0;
        }
        sleep(1);
    }
}
