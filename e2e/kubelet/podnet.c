/*
 * podnet.so - the two pieces of a pod's network namespace this machine cannot give:
 *  - a pod that binds the wildcard address (0.0.0.0 / ::) listens on its own pod IP only, so that
 *    pods sharing the host's network do not collide on ports;
 *  - a connection to 127.0.0.1 / ::1 (localhost) reaches the pod itself, as the loopback device of
 *    a pod's own network namespace would: it goes to the pod IP. (Flink does this: a session
 *    cluster's REST handler uploads a submitted job's files to "localhost:<blob port>".) Nothing
 *    of the host is on 127.0.0.1 for a pod: the API server stands at 127.0.0.2 (start.sh). The pod IP is the address of this host name in
 * /etc/hosts (the kubelet writes "<pod IP> <pod name>" there, as a real kubelet does, and the
 * container runs with its UTS host name set to the pod name). Loaded with LD_PRELOAD into each
 * container process; see mapping.ts.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int (*real_bind)(int, const struct sockaddr *, socklen_t);
static int (*real_connect)(int, const struct sockaddr *, socklen_t);
static struct in_addr pod_ip;
static int have_pod_ip = -1;

static void load_pod_ip(void) {
  char host[256] = {0}, line[512];
  have_pod_ip = 0;
  if (gethostname(host, sizeof host - 1) != 0) return;
  FILE *f = fopen("/etc/hosts", "r");
  if (!f) return;
  while (fgets(line, sizeof line, f)) {
    char ip[64], name[256];
    if (line[0] == '#' || sscanf(line, "%63s %255s", ip, name) != 2) continue;
    if (strcmp(name, host) == 0 && inet_pton(AF_INET, ip, &pod_ip) == 1) { have_pod_ip = 1; break; }
  }
  fclose(f);
}

int bind(int fd, const struct sockaddr *addr, socklen_t len) {
  if (!real_bind) real_bind = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "bind");
  if (have_pod_ip < 0) load_pod_ip();
  if (have_pod_ip == 1 && addr) {
    if (addr->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
      struct sockaddr_in a = *(const struct sockaddr_in *)addr;
      if (a.sin_addr.s_addr == htonl(INADDR_ANY)) {
        a.sin_addr = pod_ip;
        return real_bind(fd, (struct sockaddr *)&a, sizeof a);
      }
    } else if (addr->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
      struct sockaddr_in6 a = *(const struct sockaddr_in6 *)addr;
      static const unsigned char mapped_any[16] = {0,0,0,0,0,0,0,0,0,0,0xff,0xff,0,0,0,0};
      if (IN6_IS_ADDR_UNSPECIFIED(&a.sin6_addr) || memcmp(&a.sin6_addr, mapped_any, 16) == 0) {
        unsigned char m[16] = {0,0,0,0,0,0,0,0,0,0,0xff,0xff};
        memcpy(m + 12, &pod_ip, 4);
        memcpy(&a.sin6_addr, m, 16);
        return real_bind(fd, (struct sockaddr *)&a, sizeof a);
      }
    }
  }
  return real_bind(fd, addr, len);
}

int connect(int fd, const struct sockaddr *addr, socklen_t len) {
  if (!real_connect) real_connect = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "connect");
  if (have_pod_ip < 0) load_pod_ip();
  if (have_pod_ip == 1 && addr) {
    if (addr->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
      struct sockaddr_in a = *(const struct sockaddr_in *)addr;
      if (a.sin_addr.s_addr == htonl(INADDR_LOOPBACK)) {
        a.sin_addr = pod_ip;
        return real_connect(fd, (struct sockaddr *)&a, sizeof a);
      }
    } else if (addr->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
      struct sockaddr_in6 a = *(const struct sockaddr_in6 *)addr;
      static const unsigned char mapped_lo[16] = {0,0,0,0,0,0,0,0,0,0,0xff,0xff,127,0,0,1};
      if (IN6_IS_ADDR_LOOPBACK(&a.sin6_addr) || memcmp(&a.sin6_addr, mapped_lo, 16) == 0) {
        unsigned char m[16] = {0,0,0,0,0,0,0,0,0,0,0xff,0xff};
        memcpy(m + 12, &pod_ip, 4);
        memcpy(&a.sin6_addr, m, 16);
        return real_connect(fd, (struct sockaddr *)&a, sizeof a);
      }
    }
  }
  return real_connect(fd, addr, len);
}
