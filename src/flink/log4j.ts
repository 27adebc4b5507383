/**
 * log4j2 configuration for logging to the console, which the image's start-foreground
 * scripts use (`log4j-console.properties`). Logs go to stdout only: the root filesystem
 * is read-only and `kubectl logs` is where operators look.
 */
export function log4jConsoleProperties(rootLevel: string): string {
  return [
    'monitorInterval = 30',
    `rootLogger.level = ${rootLevel}`,
    'rootLogger.appenderRef.console.ref = ConsoleAppender',
    'logger.pekko.name = org.apache.pekko',
    'logger.pekko.level = INFO',
    'logger.akka.name = akka',
    'logger.akka.level = INFO',
    'logger.kafka.name = org.apache.kafka',
    'logger.kafka.level = INFO',
    'logger.hadoop.name = org.apache.hadoop',
    'logger.hadoop.level = WARN',
    'logger.zookeeper.name = org.apache.zookeeper',
    'logger.zookeeper.level = INFO',
    'logger.shaded_zookeeper.name = org.apache.flink.shaded.zookeeper3',
    'logger.shaded_zookeeper.level = INFO',
    'appender.console.name = ConsoleAppender',
    'appender.console.type = CONSOLE',
    'appender.console.layout.type = PatternLayout',
    'appender.console.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n',
    'logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline',
    'logger.netty.level = OFF',
    '',
  ].join('\n');
}
