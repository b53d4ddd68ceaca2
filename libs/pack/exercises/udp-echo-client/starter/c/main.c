/*
 * udp-echo-client: send "PING" over UDP, up to 3 tries of 1 s each.
 * Started as:  ./prog HOST PORT
 *   PONG        (exit 0)  the server answered
 *   UNREACHABLE (exit 2)  ICMP port unreachable: nothing listens on that port
 *   TIMEOUT     (exit 3)  three tries, no answer
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int finish(const char *word, int code) {
    printf("%s\n", word);
    return code;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s HOST PORT\n", argv[0]);
        return 1;
    }
    struct sockaddr_in server;
    memset(&server, 0, sizeof server);
    server.sin_family = AF_INET;
    server.sin_port = htons((unsigned short)atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &server.sin_addr) != 1) {
        fprintf(stderr, "not an IPv4 address: %s\n", argv[1]);
        return 1;
    }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        perror("socket");
        return 1;
    }
    /*
     * TODO: decide how this socket talks to the server. sendto()/recvfrom() work without
     * connect(), but only a connect()ed UDP socket is told (errno ECONNREFUSED) when the
     * server's host answers with ICMP port unreachable.
     */
    for (int try = 0; try < 3; try++) {
        if (sendto(fd, "PING", 4, 0, (struct sockaddr *)&server, sizeof server) < 0) {
            perror("sendto");
            return 1;
        }
        /*
         * TODO: wait at most 1 s for the answer (poll() with a timeout, or SO_RCVTIMEO), then
         * recv() it: "PONG" → PONG, exit 0; ECONNREFUSED → UNREACHABLE, exit 2.
         * After three unanswered tries: TIMEOUT, exit 3.
         */
    }
    return finish("TIMEOUT", 3);
}
