/*
 * prompt-close, faulty: answers every request, and stops watching a connection when its
 * client closes or resets it, but never calls close(). Each connection the client closed
 * stays in CLOSE_WAIT for as long as the process lives (and its descriptor leaks).
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
    char line[MAX_LINE];
    size_t len;
};

static struct client clients[MAX_CLIENTS];
static int nclients;

static int send_all(int fd, const char *data, size_t len) {
    while (len > 0) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Answers every complete line in the client's buffer; -1 when the connection is unusable. */
static int answer_lines(struct client *c) {
    char *newline;
    while ((newline = memchr(c->line, '\n', c->len)) != NULL) {
        size_t length = (size_t)(newline - c->line);
        if (length >= 4 && memcmp(c->line, "GET ", 4) == 0) {
            char reply[MAX_LINE + 8];
            int n = snprintf(reply, sizeof reply, "VALUE %.*s\n", (int)(length - 4), c->line + 4);
            if (send_all(c->fd, reply, (size_t)n) < 0) return -1;
        }
        c->len -= length + 1;
        memmove(c->line, newline + 1, c->len);
    }
    return c->len == sizeof c->line ? -1 : 0; /* a line longer than the buffer: give up */
}

/* Reads what has arrived; -1 at end of stream or on an error (the caller closes). */
static int on_readable(struct client *c) {
    ssize_t n = recv(c->fd, c->line + c->len, sizeof c->line - c->len, 0);
    if (n < 0 && errno == EINTR) return 0;
    if (n <= 0) return -1;
    c->len += (size_t)n;
    return answer_lines(c);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in addr = {0};
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
        /* Clients first, from the last so that removing one does not move the unvisited. */
        for (int i = nclients - 1; i >= 0; i--) {
            if (!fds[i + 1].revents) continue;
            if (on_readable(&clients[i]) < 0) clients[i] = clients[--nclients]; /* the mistake: no close() */
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
