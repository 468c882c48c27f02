export { default, generateMetadata } from '../../../../topics/[topic]/layout';
