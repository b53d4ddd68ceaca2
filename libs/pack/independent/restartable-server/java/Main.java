// restartable-server, an independent Java solution: "BYE\n" and close first for each client.
// new ServerSocket(port) turns SO_REUSEADDR on by itself on Linux (the strace shows it), so
// a restart binds the port although the last connection holds it in TIME_WAIT.
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

public class Main {
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java Main PORT");
      System.exit(1);
    }
    try (ServerSocket listener = new ServerSocket(Integer.parseInt(args[0]))) {
      while (true) {
        try (Socket client = listener.accept()) {
          client.getOutputStream().write("BYE\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          System.err.println("client failed: " + e.getMessage());
        }
      }
    }
  }
}
