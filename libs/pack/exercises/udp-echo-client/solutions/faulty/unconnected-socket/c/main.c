/* Faulty: an unconnected UDP socket (sendto/recvfrom); Linux does not report ICMP errors to it. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s HOST PORT\n", argv[0]);
        return 1;
    }
    struct sockaddr_in server;
    memset(&server, 0, sizeof server);
    server.sin_family = AF_INET;
    server.sin_port = htons((unsigned short)atoi(argv[2]));
    inet_pton(AF_INET, argv[1], &server.sin_addr);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct timeval wait = {.tv_sec = 1, .tv_usec = 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    for (int try = 0; try < 3; try++) {
        sendto(fd, "PING", 4, 0, (struct sockaddr *)&server, sizeof server);
        char reply[1500];
        ssize_t n = recvfrom(fd, reply, sizeof reply, 0, NULL, NULL);
        if (n == 4 && memcmp(reply, "PONG", 4) == 0) {
            printf("PONG\n");
            return 0;
        }
        /* a timeout, or any error: try again */
    }
    printf("TIMEOUT\n");
    return 3;
}
