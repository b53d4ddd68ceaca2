/*
 * prompt-close: answer "GET <key>\n" with "VALUE <key>\n", for up to 20 clients at once,
 * and close each connection as soon as its client has closed or reset it.
 * Started as:  ./prog PORT     (listen on 0.0.0.0:PORT)
 *
 * This skeleton serves all clients from one process with poll(). Threads (one per client)
 * or fork() work too, if you prefer.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CLIENTS 64
#define MAX_LINE 256

struct client {
    int fd;
    char line[MAX_LINE]; /* bytes received but not yet answered (a partial line) */
    size_t len;
};

static struct client clients[MAX_CLIENTS];
static int nclients;

/*
 * Called when poll() says the client's socket is readable. Returns 0 to keep the client,
 * -1 when main() should forget it.
 */
static int on_readable(struct client *c) {
    ssize_t n = recv(c->fd, c->line + c->len, sizeof c->line - c->len, 0);
    if (n < 0 && errno == EINTR) return 0;
    if (n <= 0) {
        /*
         * TODO: n == 0 is end of stream (the client's FIN); n < 0 with ECONNRESET is the
         * client's RST. Either way this connection is over: what must the server do with
         * c->fd before forgetting it? (Look at the socket's state with `ss -tn` meanwhile.)
         */
        return -1;
    }
    c->len += (size_t)n;
    /*
     * TODO: answer every complete line now in c->line: "GET <key>\n" gets "VALUE <key>\n"
     * (send() may send less than asked: send the rest too). Keep an unfinished line's
     * bytes for the next call. One recv() may return part of a line or several lines.
     */
    c->len = 0;
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 1;
    }
    signal(SIGPIPE, SIG_IGN); /* a client may be gone when we answer: EPIPE, not death */
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0) {
        perror("socket");
        return 1;
    }
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons((unsigned short)atoi(argv[1]));
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 64) < 0) {
        perror("bind/listen");
        return 1;
    }
    struct pollfd fds[MAX_CLIENTS + 1];
    for (;;) {
        fds[0].fd = listener;
        fds[0].events = nclients < MAX_CLIENTS ? POLLIN : 0;
        for (int i = 0; i < nclients; i++) {
            fds[i + 1].fd = clients[i].fd;
            fds[i + 1].events = POLLIN;
        }
        if (poll(fds, (nfds_t)nclients + 1, -1) < 0) {
            if (errno == EINTR) continue;
            perror("poll");
            return 1;
        }
        /* From the last client down, so that removing one does not move an unvisited one. */
        for (int i = nclients - 1; i >= 0; i--) {
            if (fds[i + 1].revents && on_readable(&clients[i]) < 0) clients[i] = clients[--nclients];
        }
        if (fds[0].revents & POLLIN) {
            int fd = accept(listener, NULL, NULL);
            if (fd >= 0) {
                clients[nclients].fd = fd;
                clients[nclients].len = 0;
                nclients++;
            }
        }
    }
}
