// udp-echo-client: send "PING" over UDP, up to 3 tries of 1 s each.
// Started as:  ./prog HOST PORT
//   PONG        (exit 0)  the server answered
//   UNREACHABLE (exit 2)  ICMP port unreachable: nothing listens on that port
//   TIMEOUT     (exit 3)  three tries, no answer
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

static int finish(const char *word, int code) {
    std::printf("%s\n", word);
    return code;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s HOST PORT\n", argv[0]);
        return 1;
    }
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(static_cast<unsigned short>(std::atoi(argv[2])));
    if (inet_pton(AF_INET, argv[1], &server.sin_addr) != 1) {
        std::fprintf(stderr, "not an IPv4 address: %s\n", argv[1]);
        return 1;
    }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        std::perror("socket");
        return 1;
    }
    // TODO: decide how this socket talks to the server. sendto()/recvfrom() work without
    // connect(), but only a connect()ed UDP socket is told (errno ECONNREFUSED) when the
    // server's host answers with ICMP port unreachable.
    for (int attempt = 0; attempt < 3; attempt++) {
        if (sendto(fd, "PING", 4, 0, reinterpret_cast<sockaddr *>(&server), sizeof server) < 0) {
            std::perror("sendto");
            return 1;
        }
        // TODO: wait at most 1 s for the answer (poll() with a timeout, or SO_RCVTIMEO), then
        // recv() it: "PONG" → PONG, exit 0; ECONNREFUSED → UNREACHABLE, exit 2.
        // After three unanswered tries: TIMEOUT, exit 3.
    }
    return finish("TIMEOUT", 3);
}
