/** The playground's Java programs (see ./index.ts for what every starter does). */
export const JAVA_CLIENT = String.raw`// Playground client: connects to the peer (args[0] = its address,
// args[1] = the port), sends one line, shuts down its sending side (FIN),
// then prints what comes back until the peer closes. Watch the handshake,
// the data and both FINs in the ladder diagram.
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

public class Main {
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java Main HOST PORT");
      System.exit(2);
    }
    try (Socket socket = new Socket(args[0], Integer.parseInt(args[1]))) {
      socket.setSoTimeout(5000); // a peer that died never answers: give up after 5 s
      try {
        socket.getOutputStream().write("hello, socklab\n".getBytes(StandardCharsets.UTF_8));
        try {
          socket.shutdownOutput(); // FIN: we send nothing more, but keep reading
        } catch (SocketException e) {
          // the peer reset the connection already (ENOTCONN): the read says so
        }
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[4096];
        for (int n; (n = in.read(buf)) != -1; ) {
          System.out.write(buf, 0, n);
          System.out.flush();
        }
      } catch (SocketTimeoutException e) {
        System.err.println("no answer for 5 s");
      } catch (SocketException e) { // "Connection reset": the peer answered with RST
        System.err.println("the connection failed: " + e.getMessage());
      }
    }
  }
}
`;

export const JAVA_SERVER = String.raw`// Playground server: listens on args[0], accepts one connection and
// echoes what it receives until the peer shuts down its side, or 2 s pass
// in silence; then it closes. Watch who sends the first FIN in the ladder
// diagram, and your socket's states.
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

public class Main {
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java Main PORT");
      System.exit(2);
    }
    try (ServerSocket listener = new ServerSocket()) {
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress("0.0.0.0", Integer.parseInt(args[0])));
      // Closing the connection sends our FIN (or RST, if data we never read is waiting).
      try (Socket conn = listener.accept()) {
        conn.setSoTimeout(2000);
        InputStream in = conn.getInputStream();
        OutputStream out = conn.getOutputStream();
        byte[] buf = new byte[4096];
        try {
          for (int n; (n = in.read(buf)) != -1; ) out.write(buf, 0, n);
        } catch (SocketTimeoutException e) {
          System.err.println("no data for 2 s: closing");
        } catch (SocketException e) {
          System.err.println("read: " + e.getMessage());
        }
      }
    }
  }
}
`;
